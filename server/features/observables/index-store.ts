import { type RawBuilder, sql } from "kysely";
import type { IndexView } from "../../../contract/observable-index.js";
import type { ObservableTag, ObservableType } from "../../../contract/observables.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import { type TimeBound, boundSql } from "../../platform/time-bound.js";
import { hiddenCasesSql, tagVisibleSql, verdictVisibleSql } from "../../platform/tlp.js";

// SQL for the observables index. Values are summed up from their sightings in the cases the viewer may
// see (the TLP policy's hidden set), so a value only hidden cases hold has no row and is never listed,
// and every count and date is theirs alone.

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

/** The values the filter narrows to before any sighting is read (null: every value). */
function candidates(actor: Actor, f: IndexFilter): RawBuilder<unknown> | null {
  const parts: RawBuilder<unknown>[] = [];
  if (f.view === "malicious")
    parts.push(sql`select o.id from observables o where o.tag = 'malicious' and ${verdictVisibleSql(actor, "o")}`);
  if (f.tag !== undefined)
    parts.push(
      sql`select t.observable_id from observable_tags t where t.tag = ${f.tag} and ${tagVisibleSql(actor, "t")}`,
    );
  if (f.type !== undefined) parts.push(sql`select o.id from observables o where o.type = ${f.type}`);
  return parts.length === 0 ? null : sql.join(parts, sql` intersect `);
}

/** Whether a case's sightings of a value fall in the time filter (true without one). */
function inRange(f: IndexFilter): RawBuilder<unknown> {
  const from = f.from ? sql`s.seen_at >= ${boundSql(f.from, f.timeZone, false)}` : sql`true`;
  const to = f.to ? sql`s.seen_at < ${boundSql(f.to, f.timeZone, true)}` : sql`true`;
  return sql`bool_or(${from} and ${to})`;
}

/**
 * One page of the index, in the view's order: last seen first (recent, malicious) or most cases first
 * (most-seen, common), then last seen, then id — a total order, so the keyset neither repeats nor skips.
 * Sightings are grouped by (value, case) in the value index's order, then by value: a streaming pass
 * that never sorts or hashes all of them. The page comes back whole: counted, dated and filtered.
 */
export async function selectIndexPage(db: Db, actor: Actor, f: IndexFilter): Promise<IndexRow[]> {
  const narrowed = candidates(actor, f);
  const only = narrowed === null ? sql`` : sql`and s.observable_id in (${narrowed})`;
  const timed = f.from !== undefined || f.to !== undefined;
  const having = sql.join(
    [
      sql`true`,
      ...(timed ? [sql`bool_or(c.in_range)`] : []),
      ...(f.view === "common" ? [sql`count(*) > ${f.threshold}`] : []),
    ],
    sql` and `,
  );
  const a = f.after;
  const keyset =
    a === undefined
      ? sql``
      : byCount(f.view)
        ? sql`where (a.cases, a.last_seen, a.id) < (${a.cases ?? 0}, ${a.at}::timestamptz, ${a.id}::int8)`
        : sql`where (a.last_seen, a.id) < (${a.at}::timestamptz, ${a.id}::int8)`;
  const order = byCount(f.view) ? sql`a.cases desc, a.last_seen desc, a.id desc` : sql`a.last_seen desc, a.id desc`;
  const rows = await sql<IndexRow>`with hidden as materialized (${hiddenCasesSql(actor)}),
    per_case as (
      select s.observable_id, s.case_id, min(s.seen_at) as first_seen, max(s.seen_at) as last_seen,
        ${inRange(f)} as in_range
      from sightings s
      where s.case_id not in (select id from hidden) ${only}
      group by s.observable_id, s.case_id),
    agg as (
      select c.observable_id as id, count(*)::int as cases, min(c.first_seen) as first_seen,
        max(c.last_seen) as last_seen
      from per_case c group by c.observable_id
      having ${having}),
    page as (
      select a.* from agg a ${keyset} order by ${order} limit ${f.limit})
    select a.id, o.type, o.value, case when ${verdictVisibleSql(actor, "o")} then o.tag end as verdict,
      a.cases, a.first_seen, a.last_seen,
      to_char(a.last_seen at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as last_text
    from page a join observables o on o.id = a.id
    order by ${order}`.execute(db);
  return rows.rows.map((r) => ({ ...r, id: Number(r.id) }));
}
