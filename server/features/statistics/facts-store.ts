import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { Nis2StageName, YesNoUnknown } from "../../platform/db/tables/intake.js";

// SQL only: what the refresh reads from the history of reports and incidents (the audit trail, the
// incident timeline, the conversations, the NIS2 stages), and the facts it writes. Statistics is a
// read model over other features' tables: it reads them here, read-only, instead of asking each
// feature's service for a history it does not offer (ARCHITECTURE.md, "Statistics").

/** The audit entries after `afterId` that name a report or an incident: what changed since the last pass. */
export async function selectChangedCases(
  db: Db,
  afterId: number,
  limit: number,
): Promise<{ lastId: number; reports: string[]; incidents: string[] }> {
  const rows = await db
    .selectFrom("audit_log")
    .select(["id", "target_type", "target_id", "diff"])
    .where("id", ">", afterId)
    .orderBy("id")
    .limit(limit)
    .execute();
  const reports = new Set<string>();
  const incidents = new Set<string>();
  for (const row of rows) {
    if (!row.target_id) continue;
    if (row.target_type === "report") reports.add(row.target_id);
    if (row.target_type !== "incident") continue;
    incidents.add(row.target_id);
    // A report linked or unlinked takes the incident's attributes (or loses them).
    const diff = row.diff as { report?: unknown; reports?: unknown } | null;
    if (typeof diff?.report === "string") reports.add(diff.report);
    if (Array.isArray(diff?.reports)) for (const r of diff.reports) if (typeof r === "string") reports.add(r);
  }
  return { lastId: rows.at(-1)?.id ?? afterId, reports: [...reports], incidents: [...incidents] };
}

export interface IncidentHistoryRow {
  id: string;
  opened_at: Date;
  first_report_at: Date | null;
  first_report_ack_at: Date | null;
  first_message_at: Date | null;
  first_report_reply_at: Date | null;
  contained_to: string | null;
  contained_changed: boolean;
  last_status_to: string | null;
  last_status_at: Date | null;
  severity_history: string | null;
  class_history: { class?: string } | null;
  class_changed: boolean;
  sectors_history: string[] | null;
  sectors_changed: boolean;
  rsit_class: string | null;
  rsit_version: number | null;
  sectors: string[];
  severity: string;
  nis2: boolean;
}

/**
 * Each incident's history by reference: its opening (the `created` event), the reports ever linked
 * (`report_linked` events, so an undone link still counts for when the case began), their first
 * acknowledgement (audit) and the CERT's first word (mail out, or a reply on a linked report), the
 * latest containment time entered, the latest status move, and the latest of each attribute's edits.
 * The current columns are read only where history has no entry (a value never edited since creation).
 */
export async function selectIncidentHistory(db: Db, references: readonly string[]): Promise<IncidentHistoryRow[]> {
  if (references.length === 0) return [];
  const result = await sql<IncidentHistoryRow>`
    with inc as (select * from incidents where reference = any(${references}::text[])),
    linked as (
      select e.incident_id, r.id as report_id, r.reference, r.received_at, r.nis2_applies
      from incident_events e join reports r on r.reference = e.data ->> 'report'
      where e.kind = 'report_linked' and e.incident_id in (select id from inc)
    ),
    field as (
      select distinct on (e.incident_id, e.data ->> 'field') e.incident_id, e.data ->> 'field' as field, e.data -> 'to' as value
      from incident_events e
      where e.kind = 'field' and e.incident_id in (select id from inc)
      order by e.incident_id, e.data ->> 'field', e.occurred_at desc, e.recorded_at desc, e.id desc
    )
    select i.id,
      coalesce((select min(occurred_at) from incident_events where incident_id = i.id and kind = 'created'), i.created_at) as opened_at,
      (select min(l.received_at) from linked l where l.incident_id = i.id) as first_report_at,
      (select min(a.at) from linked l join audit_log a
         on a.target_type = 'report' and a.target_id = l.reference and a.action = 'report.acknowledged'
       where l.incident_id = i.id) as first_report_ack_at,
      (select min(occurred_at) from incident_events where incident_id = i.id and kind = 'message_out') as first_message_at,
      (select min(m.sent_at) from linked l join report_messages m on m.report_id = l.report_id and m.author = 'cert'
       where l.incident_id = i.id) as first_report_reply_at,
      (select f.value #>> '{}' from field f where f.incident_id = i.id and f.field = 'containedAt') as contained_to,
      exists (select 1 from field f where f.incident_id = i.id and f.field = 'containedAt') as contained_changed,
      s.data ->> 'to' as last_status_to, s.occurred_at as last_status_at,
      coalesce((select f.value #>> '{}' from field f where f.incident_id = i.id and f.field = 'severity'),
               (select data ->> 'severity' from incident_events where incident_id = i.id and kind = 'created' limit 1)) as severity_history,
      (select f.value from field f where f.incident_id = i.id and f.field = 'classification') as class_history,
      exists (select 1 from field f where f.incident_id = i.id and f.field = 'classification') as class_changed,
      (select array(select jsonb_array_elements_text(f.value)) from field f
        where f.incident_id = i.id and f.field = 'sectors' and jsonb_typeof(f.value) = 'array') as sectors_history,
      exists (select 1 from field f where f.incident_id = i.id and f.field = 'sectors') as sectors_changed,
      i.rsit_class, i.rsit_version, i.sectors, i.severity,
      exists (select 1 from linked l where l.incident_id = i.id and (l.nis2_applies
              or exists (select 1 from report_nis2_stages st where st.report_id = l.report_id))) as nis2
    from inc i
    left join lateral (
      select data, occurred_at from incident_events
      where incident_id = i.id and kind = 'status' order by occurred_at desc, recorded_at desc, id desc limit 1
    ) s on true`.execute(db);
  return result.rows;
}

export interface ReportHistoryRow {
  id: string;
  received_at: Date;
  channel: string;
  organisation_sector: string | null;
  nis2_applies: boolean | null;
  nis2_aware_at: Date | null;
  nis2_trust_service_provider: boolean | null;
  ongoing: YesNoUnknown | null;
  first_ack_at: Date | null;
  first_linked_at: Date | null;
  first_reply_at: Date | null;
  incident_id: string | null;
}

/**
 * Each report's history by reference: its acknowledgement (the audit trail's first `report.acknowledged`;
 * linking it to an incident acknowledges it too), the CERT's first reply, and the incident it is now
 * linked to (whose attributes it is counted under).
 */
export async function selectReportHistory(db: Db, references: readonly string[]): Promise<ReportHistoryRow[]> {
  if (references.length === 0) return [];
  const result = await sql<ReportHistoryRow>`
    select r.id, r.received_at, r.channel, r.organisation_sector, r.nis2_applies, r.nis2_aware_at,
      r.nis2_trust_service_provider, r.ongoing,
      (select min(a.at) from audit_log a
        where a.target_type = 'report' and a.target_id = r.reference and a.action = 'report.acknowledged') as first_ack_at,
      (select min(e.occurred_at) from incident_events e
        where e.kind = 'report_linked' and e.data ->> 'report' = r.reference) as first_linked_at,
      (select min(m.sent_at) from report_messages m where m.report_id = r.id and m.author = 'cert') as first_reply_at,
      (select l.incident_id from incident_reports l where l.report_id = r.id order by l.linked_at desc limit 1) as incident_id
    from reports r where r.reference = any(${references}::text[])`.execute(db);
  return result.rows;
}

export interface StageRow {
  report_id: string;
  stage: Nis2StageName;
  submitted_at: Date;
  ongoing: YesNoUnknown | null;
  aware_at: Date | null;
}

/** The NIS2 stages the reports' entities submitted. */
export async function selectNis2Stages(db: Db, reportIds: readonly string[]): Promise<StageRow[]> {
  if (reportIds.length === 0) return [];
  return db
    .selectFrom("report_nis2_stages")
    .select(["report_id", "stage", "submitted_at", "ongoing", "aware_at"])
    .where("report_id", "in", reportIds)
    .execute();
}

/** The incidents' facts as last written, for the reports linked to them. */
export async function selectIncidentAttributes(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("statistics_case_facts")
    .select(["case_id", "severity", "rsit_class", "rsit_version", "sectors"])
    .where("case_id", "in", ids)
    .execute();
}

export interface CaseFact {
  caseId: string;
  kind: "report" | "incident";
  startedAt: Date;
  channel: string | null;
  severity: string | null;
  rsitClass: string | null;
  rsitVersion: number | null;
  sectors: string[];
  nis2: boolean;
  ackSeconds: number | null;
  firstResponseSeconds: number | null;
  containmentSeconds: number | null;
  resolutionSeconds: number | null;
  nis2Deadlines: { kind: string; party: string; dueAt: string | null; metAt: string | null }[];
}

/** Writes (or rewrites) the facts of these cases. */
export async function upsertFacts(db: Db, facts: readonly CaseFact[], now: Date): Promise<void> {
  if (facts.length === 0) return;
  await db
    .insertInto("statistics_case_facts")
    .values(
      facts.map((f) => ({
        case_id: f.caseId,
        kind: f.kind,
        started_at: f.startedAt,
        channel: f.channel,
        severity: f.severity,
        rsit_class: f.rsitClass,
        rsit_version: f.rsitVersion,
        sectors: f.sectors,
        nis2: f.nis2,
        ack_seconds: f.ackSeconds,
        first_response_seconds: f.firstResponseSeconds,
        containment_seconds: f.containmentSeconds,
        resolution_seconds: f.resolutionSeconds,
        nis2_deadlines: JSON.stringify(f.nis2Deadlines),
        refreshed_at: now,
      })),
    )
    .onConflict((oc) =>
      oc.column("case_id").doUpdateSet((eb) => ({
        started_at: eb.ref("excluded.started_at"),
        channel: eb.ref("excluded.channel"),
        severity: eb.ref("excluded.severity"),
        rsit_class: eb.ref("excluded.rsit_class"),
        rsit_version: eb.ref("excluded.rsit_version"),
        sectors: eb.ref("excluded.sectors"),
        nis2: eb.ref("excluded.nis2"),
        ack_seconds: eb.ref("excluded.ack_seconds"),
        first_response_seconds: eb.ref("excluded.first_response_seconds"),
        containment_seconds: eb.ref("excluded.containment_seconds"),
        resolution_seconds: eb.ref("excluded.resolution_seconds"),
        nis2_deadlines: eb.ref("excluded.nis2_deadlines"),
        refreshed_at: eb.ref("excluded.refreshed_at"),
      })),
    )
    .execute();
}

/** How far the refresh has read the audit trail; locked, so two nodes' passes take turns. */
export async function selectWatermark(db: Db): Promise<number> {
  const row = await db.selectFrom("statistics_watermark").select("audit_id").forUpdate().executeTakeFirst();
  return Number(row?.audit_id ?? 0);
}

export async function updateWatermark(db: Db, auditId: number): Promise<void> {
  await db.updateTable("statistics_watermark").set({ audit_id: auditId }).execute();
}
