import { sql } from "kysely";
import type { Severity } from "../../../contract/incidents.js";
import type { ObservableTag, ObservableType } from "../../../contract/observables.js";
import type { Db } from "../../platform/db/connect.js";
import type { IncidentStatus } from "../../platform/db/tables/incidents.js";

// SQL only: what an export of an incident holds — its head, its notes and its values (seen in the
// incident or in a linked report), each with when first and last seen.

export interface ExportIncidentRow {
  id: string;
  reference: string;
  title: string;
  status: IncidentStatus;
  severity: Severity;
  rsit_class: string | null;
  rsit_type: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ExportNoteRow {
  id: string;
  body: string | null;
  recorded_at: Date;
}

export interface ExportValueRow {
  id: number;
  type: ObservableType;
  value: string;
  tag: ObservableTag | null;
  first_seen: Date;
  last_seen: Date;
}

/** The incident's head. */
export async function selectExportIncident(db: Db, incidentId: string): Promise<ExportIncidentRow | undefined> {
  return db
    .selectFrom("incidents")
    .select(["id", "reference", "title", "status", "severity", "rsit_class", "rsit_type", "created_at", "updated_at"])
    .where("id", "=", incidentId)
    .executeTakeFirst();
}

/** The incident's notes, oldest first. */
export async function selectExportNotes(db: Db, incidentId: string): Promise<ExportNoteRow[]> {
  return db
    .selectFrom("incident_events")
    .select(["id", "body", "recorded_at"])
    .where("incident_id", "=", incidentId)
    .where("kind", "=", "note")
    .orderBy("recorded_at")
    .execute();
}

/** Every value of the incident, its own or its linked reports', each once. */
export async function selectExportValues(db: Db, incidentId: string): Promise<ExportValueRow[]> {
  const rows = await sql<ExportValueRow>`
    with seen as (
      select s.observable_id, s.seen_at from sightings s
      where s.case_kind = 'incident' and s.case_id = ${incidentId}
      union all
      select s.observable_id, s.seen_at from sightings s
      join incident_reports l on l.report_id = s.case_id
      where s.case_kind = 'report' and l.incident_id = ${incidentId})
    select o.id, o.type, o.value, o.tag, min(seen.seen_at) as first_seen, max(seen.seen_at) as last_seen
    from seen join observables o on o.id = seen.observable_id
    group by o.id, o.type, o.value, o.tag
    order by o.id`.execute(db);
  return rows.rows;
}
