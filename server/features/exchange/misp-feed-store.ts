import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { ExportIncidentRow, ExportValueRow } from "./export-store.js";

// SQL only: what the MISP feed reads — every incident that may be an event (not rejected), and the
// values of many incidents at once (one statement for the whole feed).

/** Every incident that is not rejected: the feed's candidates, oldest first. */
export async function selectFeedIncidents(db: Db): Promise<ExportIncidentRow[]> {
  return db
    .selectFrom("incidents")
    .select(["id", "reference", "title", "status", "severity", "rsit_class", "rsit_type", "created_at", "updated_at"])
    .where("status", "<>", "rejected")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** The values of these incidents (their own or their linked reports'), each once per incident. */
export async function selectFeedValues(
  db: Db,
  incidentIds: readonly string[],
): Promise<(ExportValueRow & { incident_id: string })[]> {
  if (incidentIds.length === 0) return [];
  const ids = [...incidentIds];
  const rows = await sql<ExportValueRow & { incident_id: string }>`
    with seen as (
      select s.case_id as incident_id, s.observable_id, s.seen_at from sightings s
      where s.case_kind = 'incident' and s.case_id = any(${ids}::uuid[])
      union all
      select l.incident_id, s.observable_id, s.seen_at from sightings s
      join incident_reports l on l.report_id = s.case_id
      where s.case_kind = 'report' and l.incident_id = any(${ids}::uuid[]))
    select seen.incident_id, o.id, o.type, o.value, o.tag,
      min(seen.seen_at) as first_seen, max(seen.seen_at) as last_seen
    from seen join observables o on o.id = seen.observable_id
    group by seen.incident_id, o.id, o.type, o.value, o.tag
    order by seen.incident_id, o.id`.execute(db);
  return rows.rows;
}

/**
 * The feed's change counter (migration 0115): triggers bump it in the same transaction as any change
 * that can alter a partner's feed, so equal counters mean an equal feed, in every process.
 */
export async function selectFeedVersion(db: Db): Promise<string> {
  const row = await sql<{ version: string }>`select version::text as version from exchange_feed_version`.execute(db);
  return row.rows[0]?.version ?? "0";
}
