import { type RawBuilder, sql } from "kysely";
import type { IndexView } from "../../../contract/observable-index.js";
import type { ObservableTag, ObservableType } from "../../../contract/observables.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import { type TimeBound, boundSql } from "../../platform/time-bound.js";
import { withoutJit } from "./lookup-store.js";
import { settledSql, summaryCtes } from "./summary-store.js";
import { tagVisibleSql, verdictVisibleSql } from "../../platform/tlp.js";

// SQL for the observables index. Every count and date is summed over the cases the viewer may see (the
// TLP policy's hidden and restricted sets), so a value only hidden cases hold is never listed.

export interface IndexFilter {
  view: IndexView;
  type?: ObservableType;
  tag?: string;
  from?: TimeBound;
  to?: TimeBound;
  timeZone: string;
  /** More cases than this: common. */
  threshold: number;
  /** The last row of the previous page: its case count (views by count), last seen as written, id. */
  after?: { cases?: number; at: string; id: number };
  limit: number;
}

export interface IndexRow {
  id: number;
  type: ObservableType;
  value: string;
  verdict: ObservableTag | null;
  cases: number;
  first_seen: Date;
  last_seen: Date;
  last_text: string;
}

const byCount = (view: IndexView) => view === "most-seen" || view === "common";

/** The values a narrowing view or filter (malicious, a tag) keeps, before anything is summed; else null. */
function narrowedTo(actor: Actor, f: IndexFilter): RawBuilder<unknown> | null {
  const parts: RawBuilder<unknown>[] = [];
  if (f.view === "malicious")
    parts.push(sql`select o.id from observables o where o.tag = 'malicious' and ${verdictVisibleSql(actor, "o")}`);
  if (f.tag !== undefined)
    parts.push(
      sql`select t.observable_id as id from observable_tags t where t.tag = ${f.tag} and ${tagVisibleSql(actor, "t")}`,
    );
  return parts.length === 0 ? null : sql.join(parts, sql` intersect `);
}

/**
 * The conditions on a summed row under `a` (type, last seen in the time filter, common, the keyset);
 * `id` names its value's id column.
 */
function rowFilter(a: string, f: IndexFilter, id = "id"): RawBuilder<unknown> {
  const col = (c: string) => sql.ref(`${a}.${c === "id" ? id : c}`);
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (f.type !== undefined) parts.push(sql`o.type = ${f.type}`);
  if (f.from) parts.push(sql`${col("last_seen")} >= ${boundSql(f.from, f.timeZone, false)}`);
  if (f.to) parts.push(sql`${col("last_seen")} < ${boundSql(f.to, f.timeZone, true)}`);
  if (f.view === "common") parts.push(sql`${col("cases")} > ${f.threshold}`);
  const k = f.after;
  if (k !== undefined)
    parts.push(
      byCount(f.view)
        ? sql`(${col("cases")}, ${col("last_seen")}, ${col("id")}) < (${k.cases ?? 0}, ${k.at}::timestamptz, ${k.id}::int8)`
        : sql`(${col("last_seen")}, ${col("id")}) < (${k.at}::timestamptz, ${k.id}::int8)`,
    );
  return sql.join(parts, sql` and `);
}

const orderOf = (a: string, view: IndexView, id = "id") =>
  byCount(view)
    ? sql`${sql.ref(`${a}.cases`)} desc, ${sql.ref(`${a}.last_seen`)} desc, ${sql.ref(`${a}.${id}`)} desc`
    : sql`${sql.ref(`${a}.last_seen`)} desc, ${sql.ref(`${a}.${id}`)} desc`;

/**
 * One page of the index, in the view's order: last seen first (recent, malicious) or most cases first
 * (most-seen, common), then last seen, then id — a total order, so the keyset neither repeats nor skips.
 *
 * Each value's numbers are, exactly: its summary over the cases no TLP:RED incident restricts
 * (observable_stats), plus its sightings in the restricted cases this viewer may see (summed here;
 * few), or, while the value is pending in the summary, its sightings in every case they may see
 * (summed here). A value in neither — only hidden cases hold it — has no row and is never listed. The
 * summary's own order gives the page's candidates: a value's total never sorts below its summary,
 * so the first `limit` summaries past the cursor, with every value the viewer's restricted cases or
 * the pending marks hold, contain the page.
 */
export async function selectIndexPage(db: Db, actor: Actor, f: IndexFilter): Promise<IndexRow[]> {
  return withoutJit(db, (tx) => indexPage(tx, actor, f));
}

async function indexPage(db: Db, actor: Actor, f: IndexFilter): Promise<IndexRow[]> {
  const narrowing = narrowedTo(actor, f);
  const narrowed = narrowing === null ? null : sql`select id from narrowed`;
  const candidates =
    narrowed === null
      ? sql`(select st.observable_id as id from observable_stats st
           ${f.type !== undefined ? sql`join observables o on o.id = st.observable_id` : sql``}
           where not exists (select 1 from pending p where p.id = st.observable_id)
             and ${rowFilter("st", f, "observable_id")}
           order by ${orderOf("st", f.view, "observable_id")} limit ${f.limit})
         union
         select id from red`
      : narrowed;
  const rows = await sql<IndexRow>`with ${narrowing === null ? sql`` : sql`narrowed as materialized (${narrowing}),`}
    ${summaryCtes(actor, narrowed)},
    summed as (${settledSql(candidates)} union all select * from live),
    -- Cut to the page before the values are read (only the type filter needs them first).
    page as (
      select a.* from summed a ${f.type !== undefined ? sql`join observables o on o.id = a.id` : sql``}
      where ${rowFilter("a", f)}
      order by ${orderOf("a", f.view)}
      limit ${f.limit})
    select a.id, o.type, o.value, case when ${verdictVisibleSql(actor, "o")} then o.tag end as verdict,
      a.cases, a.first_seen, a.last_seen,
      to_char(a.last_seen at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as last_text
    from page a join observables o on o.id = a.id
    order by ${orderOf("a", f.view)}`.execute(db);
  return rows.rows.map((r) => ({ ...r, id: Number(r.id) }));
}
