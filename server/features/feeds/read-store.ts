import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { PageWindow } from "../../platform/keyset-page.js";
import { type TimeBound, boundSql } from "../../platform/time-bound.js";
import type { FeedRunRow, FeedSourceRow } from "./sources-store.js";

// What the feeds screens read: runs newest first, sources with their recent runs (for health), and
// events with their owner's name. SQL only; the rules are in the use-case files.

/** A run's keys: its start in microseconds since the epoch (exact, unlike a JS Date) and its id. */
export type RunKeys = { us: number; id: string };

export async function selectRunPage(
  db: Db,
  filter: { sourceId?: string },
  window: PageWindow<RunKeys>,
): Promise<(FeedRunRow & { source_name: string; started_us: number })[]> {
  let q = db
    .selectFrom("feed_runs as r")
    .innerJoin("feed_sources as s", "s.id", "r.source_id")
    .selectAll("r")
    .select("s.name as source_name")
    .select(sql<number>`(extract(epoch from r.started_at) * 1000000)::int8`.as("started_us"));
  if (filter.sourceId !== undefined) q = q.where("r.source_id", "=", filter.sourceId);
  const after = window.after;
  if (after !== undefined) {
    q = q.where(
      sql<boolean>`(r.started_at, r.id) < (timestamptz 'epoch' + ${after.us} * interval '1 microsecond', ${after.id}::uuid)`,
    );
  }
  return q.orderBy("r.started_at", "desc").orderBy("r.id", "desc").limit(window.limit).execute();
}

export async function selectSources(db: Db): Promise<FeedSourceRow[]> {
  return db.selectFrom("feed_sources").selectAll().orderBy("name").execute();
}

/** Each source's latest `perSource` runs, newest first. */
export async function selectRecentRuns(db: Db, perSource: number): Promise<FeedRunRow[]> {
  const result = await sql<FeedRunRow>`
    select * from (
      select r.*, row_number() over (partition by r.source_id order by r.started_at desc, r.id desc) as rank
      from feed_runs r
    ) ranked where rank <= ${perSource} order by source_id, started_at desc, id desc
  `.execute(db);
  return result.rows.map((r) => ({
    ...r,
    started_at: new Date(r.started_at),
    finished_at: r.finished_at && new Date(r.finished_at),
  }));
}

export type EventKeys = { at: string; id: string };

export interface EventFilter {
  organisation?: string;
  /** The events of any of these organisations (a member's scope); none matches an empty list. */
  organisations?: readonly string[];
  unmatched?: boolean;
  from?: TimeBound;
  to?: TimeBound;
  type?: string;
  ip?: string;
  sourceId?: string;
  timeZone: string;
}

export interface EventRow {
  id: string;
  time_source: Date;
  fields: Record<string, string | number>;
  extra: Record<string, string>;
  organisation_id: string | null;
  organisation_name: string | null;
}

/** The filter as SQL conditions on `feed_events e`, one place for the list, the export and the counts. */
function eventConditions(f: EventFilter) {
  const where = [sql`true`];
  if (f.organisation === "none" || f.unmatched === true) where.push(sql`e.organisation_id is null`);
  else if (f.organisation !== undefined) where.push(sql`e.organisation_id = ${f.organisation}::uuid`);
  if (f.organisations !== undefined) where.push(sql`e.organisation_id = any(${[...f.organisations]}::uuid[])`);
  if (f.from !== undefined) where.push(sql`e.time_source >= ${boundSql(f.from, f.timeZone, false)}`);
  if (f.to !== undefined) where.push(sql`e.time_source < ${boundSql(f.to, f.timeZone, true)}`);
  if (f.type !== undefined) where.push(sql`e.classification_type = ${f.type}`);
  // An address is itself; a network holds the addresses inside it.
  if (f.ip !== undefined) where.push(sql`e.source_ip <<= ${f.ip}::inet`);
  if (f.sourceId !== undefined) where.push(sql`e.source_id = ${f.sourceId}::uuid`);
  return where;
}

export async function selectEventPage(db: Db, f: EventFilter, window: PageWindow<EventKeys>): Promise<EventRow[]> {
  const where = eventConditions(f);
  if (window.after !== undefined) {
    where.push(sql`(e.time_source, e.id) < (${window.after.at}::timestamptz, ${window.after.id}::uuid)`);
  }
  const result = await sql<EventRow>`
    select e.id, e.time_source, e.fields, e.extra, e.organisation_id, o.name as organisation_name
    from feed_events e left join organisations o on o.id = e.organisation_id
    where ${sql.join(where, sql` and `)}
    order by e.time_source desc, e.id desc
    limit ${window.limit}
  `.execute(db);
  return result.rows.map((r) => ({ ...r, time_source: new Date(r.time_source) }));
}

/** How many events the filter holds, counting no further than `max` (an export's bound). */
export async function countEventsUpTo(db: Db, f: EventFilter, max: number): Promise<number> {
  const result = await sql<{ n: number }>`
    select count(*)::int as n from (
      select 1 from feed_events e where ${sql.join(eventConditions(f), sql` and `)} limit ${max}
    ) bounded
  `.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/** Events per day (in the time zone) and classification type. */
export async function selectEventDayCounts(
  db: Db,
  f: EventFilter,
): Promise<{ day: string; type: string; count: number }[]> {
  const result = await sql<{ day: string; type: string; count: number }>`
    select to_char((e.time_source at time zone ${f.timeZone})::date, 'YYYY-MM-DD') as day,
      e.classification_type as type, count(*)::int as count
    from feed_events e where ${sql.join(eventConditions(f), sql` and `)}
    group by 1, 2 order by 1, 2
  `.execute(db);
  return result.rows.map((r) => ({ ...r, count: Number(r.count) }));
}
