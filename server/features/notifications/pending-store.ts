import { sql } from "kysely";
import type { NotificationInterval } from "../../../contract/constituency.js";
import type { Db } from "../../platform/db/connect.js";

// What waits to be told. The feeds' events are read here, read-only (as search and YARA read other
// features' rows): copying a finished run's owned events is one INSERT … SELECT, where a service call
// would carry every row through Node.

/**
 * Copies the owned events of finished runs not yet collected into the pending list, and marks those runs
 * collected, in one statement (a run is collected once: its mark and its rows commit together).
 */
export async function collectFinishedRuns(db: Db, limit: number): Promise<{ runs: number; events: number }> {
  const result = await sql<{ runs: number; events: number }>`
    with runs as (
      select r.id from feed_runs r
      where r.status = 'done' and r.notify_hold is null and not exists (select 1 from notification_collected_runs c where c.run_id = r.id)
      order by r.finished_at
      limit ${limit}
    ), marked as (
      insert into notification_collected_runs (run_id) select id from runs
      on conflict do nothing returning run_id
    ), pending as (
      insert into notification_pending (organisation_id, event_time, event_id, classification_type)
      select e.organisation_id, e.time_source, e.id, e.classification_type
      from feed_events e join marked m on e.run_id = m.run_id
      where e.organisation_id is not null
      on conflict do nothing returning 1
    )
    select (select count(*) from marked)::int as runs, (select count(*) from pending)::int as events`.execute(db);
  const row = result.rows[0];
  return { runs: Number(row?.runs ?? 0), events: Number(row?.events ?? 0) };
}

export interface PendingGroup {
  organisation_id: string;
  classification_type: string;
  events: number;
}

/** The waiting events counted per organisation and classification type (optionally of one organisation). */
export async function selectPendingGroups(db: Db, organisationId?: string): Promise<PendingGroup[]> {
  let q = db
    .selectFrom("notification_pending")
    .select(["organisation_id", "classification_type", sql<number>`count(*)::int`.as("events")])
    .groupBy(["organisation_id", "classification_type"]);
  if (organisationId !== undefined) q = q.where("organisation_id", "=", organisationId);
  return q.execute();
}

/** When each of these organisations was last sent a digest of each interval. */
export async function selectLastDigests(
  db: Db,
  organisationIds: readonly string[],
): Promise<{ organisation_id: string; interval: NotificationInterval; last: Date }[]> {
  const out: { organisation_id: string; interval: NotificationInterval; last: Date }[] = [];
  for (let i = 0; i < organisationIds.length; i += 5_000) {
    const slice = organisationIds.slice(i, i + 5_000);
    out.push(
      ...(await db
        .selectFrom("notifications")
        .select(["organisation_id", "interval", sql<Date>`max(created_at)`.as("last")])
        .where("organisation_id", "in", slice)
        .groupBy(["organisation_id", "interval"])
        .execute()),
    );
  }
  return out;
}

export interface TakenEvent {
  event_time: Date;
  event_id: string;
  classification_type: string;
  fields: Record<string, unknown>;
  extra: Record<string, unknown>;
}

/**
 * Up to `limit` of an organisation's waiting events of these types (oldest first) with their fields,
 * left on the list: claimPending takes them. An event retention has dropped meanwhile is not answered.
 */
export async function peekPending(
  db: Db,
  organisationId: string,
  types: readonly string[],
  limit: number,
): Promise<TakenEvent[]> {
  if (types.length === 0) return [];
  const result = await sql<TakenEvent>`
    select p.event_time, p.event_id, p.classification_type, e.fields, e.extra
    from notification_pending p
    join feed_events e on e.time_source = p.event_time and e.id = p.event_id
    where p.organisation_id = ${organisationId}::uuid and p.classification_type in (${sql.join(types)})
    order by p.event_time, p.event_id
    limit ${limit}`.execute(db);
  return result.rows;
}

/**
 * Takes these events off an organisation's list in the caller's transaction; answers the ids of those it
 * took (another pass may have taken some first: they are not answered, so no event is told twice).
 */
export async function claimPending(
  db: Db,
  organisationId: string,
  events: readonly Pick<TakenEvent, "event_time" | "event_id">[],
): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const times = events.map((e) => e.event_time.toISOString());
  const ids = events.map((e) => e.event_id);
  const result = await sql<{ event_id: string }>`
    delete from notification_pending p
    using unnest(${times}::timestamptz[], ${ids}::uuid[]) as k(event_time, event_id)
    where p.organisation_id = ${organisationId}::uuid and p.event_time = k.event_time and p.event_id = k.event_id
    returning p.event_id`.execute(db);
  return new Set(result.rows.map((r) => r.event_id));
}

/**
 * peekPending for several organisations in one statement: up to `limit` waiting events of each wanted
 * (an organisation and types; one organisation may be wanted twice, for two intervals), oldest first,
 * answered in the order wanted.
 */
export async function peekPendingMany(
  db: Db,
  wanted: readonly { organisationId: string; types: readonly string[] }[],
  limit: number,
): Promise<TakenEvent[][]> {
  const out: TakenEvent[][] = wanted.map(() => []);
  if (wanted.length === 0) return out;
  const at = wanted.map((_, i) => i);
  // Types are RSIT names (no comma): one text per organisation keeps the parameter a flat array.
  const orgs = wanted.map((w) => w.organisationId);
  const types = wanted.map((w) => w.types.join(","));
  const result = await sql<TakenEvent & { at: number }>`
    select q.at, x.event_time, x.event_id, x.classification_type, x.fields, x.extra
    from unnest(${at}::int[], ${orgs}::uuid[], ${types}::text[]) as q(at, organisation_id, types)
    cross join lateral (
      select p.event_time, p.event_id, p.classification_type, e.fields, e.extra
      from notification_pending p
      join feed_events e on e.time_source = p.event_time and e.id = p.event_id
      where p.organisation_id = q.organisation_id and p.classification_type = any(string_to_array(q.types, ','))
      order by p.event_time, p.event_id
      limit ${limit}
    ) x
    order by q.at, x.event_time, x.event_id`.execute(db);
  for (const { at: i, ...event } of result.rows) out[i]?.push(event);
  return out;
}

/** claimPending for several organisations' events at once; answers `organisation/event id` of those taken. */
export async function claimPendingMany(
  db: Db,
  events: readonly (Pick<TakenEvent, "event_time" | "event_id"> & { organisationId: string })[],
): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const orgs = events.map((e) => e.organisationId);
  const times = events.map((e) => e.event_time.toISOString());
  const ids = events.map((e) => e.event_id);
  const result = await sql<{ organisation_id: string; event_id: string }>`
    delete from notification_pending p
    using unnest(${orgs}::uuid[], ${times}::timestamptz[], ${ids}::uuid[]) as k(organisation_id, event_time, event_id)
    where p.organisation_id = k.organisation_id and p.event_time = k.event_time and p.event_id = k.event_id
    returning p.organisation_id, p.event_id`.execute(db);
  return new Set(result.rows.map((r) => `${r.organisation_id}/${r.event_id}`));
}
