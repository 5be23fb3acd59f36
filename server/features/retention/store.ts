import { type RawBuilder, sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";

// Retention's SQL. Retention is the one sweep that reaches into every feature's tables that hold
// personal data (as backup reads every table): it is listed in ARCHITECTURE.md with what it removes.

/** The text left where a person's own words were removed. */
export const REMOVED = "[removed under retention]";

const months = (n: number) => sql`make_interval(months => ${n})`;

/**
 * When a report's case was closed: its own rejection, or, once every incident it is linked to is
 * resolved or rejected, the last of those. Null while any linked incident is still open. A report
 * linked to an incident under a legal hold is never closed here.
 */
function reportClosedBefore(cutoffMonths: number): RawBuilder<boolean> {
  return sql<boolean>`(
    not exists (select 1 from incident_reports ir join legal_holds h on h.incident_id = ir.incident_id where ir.report_id = r.id)
    and coalesce(
      case when r.status = 'rejected' then r.rejected_at end,
      (select case when bool_and(i.status in ('resolved', 'rejected')) then max(coalesce(i.resolved_at, i.rejected_at)) end
         from incident_reports ir join incidents i on i.id = ir.incident_id where ir.report_id = r.id)
    ) < clock_timestamp() - ${months(cutoffMonths)}
  )`;
}

/** Reporter contact details: name, e-mail, phone, role, and the mail headers naming them (reports and their messages). */
export async function removeReporterContacts(tx: Db, cutoffMonths: number): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    update reports r set reporter_name = null, reporter_email = null, reporter_phone = null, reporter_role = null,
      mail_headers = null, contacts_removed_at = clock_timestamp()
    where r.contacts_removed_at is null and ${reportClosedBefore(cutoffMonths)}
    returning r.id`.execute(tx);
  const ids = rows.rows.map((r) => r.id);
  if (ids.length > 0)
    await tx
      .updateTable("report_messages")
      .set({ from_address: null, mail_headers: null })
      .where("report_id", "in", ids)
      .execute();
  return ids;
}

/**
 * The reporter's own words and files: free-text answers, messages, attachments and the raw mail
 * (blobs no row names any more go with the blob sweep). Kept: reference, channel, dates, status,
 * sector, TLP, the yes/no answers and NIS2 stages — what statistics count.
 */
export async function removeReportTexts(
  tx: Db,
  cutoffMonths: number,
): Promise<{ reports: string[]; attachments: number }> {
  const rows = await sql<{ id: string }>`
    update reports r set summary = null, what_happened = ${REMOVED}, discovery_how = null, countermeasures = null,
      help_wanted = null, contacted_parties = null, organisation_number = null, raw_sha256 = null,
      texts_removed_at = clock_timestamp()
    where r.texts_removed_at is null and ${reportClosedBefore(cutoffMonths)}
    returning r.id`.execute(tx);
  const ids = rows.rows.map((r) => r.id);
  if (ids.length === 0) return { reports: [], attachments: 0 };
  await tx
    .updateTable("report_messages")
    .set({ body: REMOVED, raw_sha256: null })
    .where("report_id", "in", ids)
    .execute();
  const files = await tx.deleteFrom("report_attachments").where("report_id", "in", ids).executeTakeFirst();
  return { reports: ids, attachments: Number(files.numDeletedRows) };
}

/** An incident's correspondence (addresses, subjects kept, bodies) and journal texts, once it is closed and not on hold. */
export async function removeIncidentCorrespondence(tx: Db, cutoffMonths: number): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    insert into incident_correspondence_removed (incident_id)
    select i.id from incidents i
    where i.status in ('resolved', 'rejected')
      and coalesce(i.resolved_at, i.rejected_at) < clock_timestamp() - ${months(cutoffMonths)}
      and not exists (select 1 from legal_holds h where h.incident_id = i.id)
      and not exists (select 1 from incident_correspondence_removed d where d.incident_id = i.id)
    returning incident_id as id`.execute(tx);
  const ids = rows.rows.map((r) => r.id);
  if (ids.length === 0) return ids;
  await tx
    .updateTable("incident_messages")
    .set({ from_address: null, to_addresses: sql<string[]>`'{}'::text[]`, body: REMOVED, mail_headers: null })
    .where("incident_id", "in", ids)
    .execute();
  await tx
    .updateTable("incident_threads")
    .set({ addresses: sql<string[]>`'{}'::text[]` })
    .where("incident_id", "in", ids)
    .execute();
  await tx
    .updateTable("incident_events")
    .set({ body: sql<string | null>`case when body is null then null else ${REMOVED} end` })
    .where("incident_id", "in", ids)
    .execute();
  return ids;
}

/** Mail that left (or failed) long ago: recipients, text and files emptied; the row and its status stay. */
export async function removeOldMail(tx: Db, cutoffMonths: number): Promise<number> {
  const r = await sql`
    update mail_messages set recipients = '{}', text_body = ${REMOVED}, attachments = '[]'::jsonb, headers = '{}'::jsonb,
      content_removed_at = clock_timestamp()
    where content_removed_at is null and status in ('sent', 'kept', 'failed')
      and created_at < clock_timestamp() - ${months(cutoffMonths)}`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

/** Audit entries older than the period: counted, never changed (the hash chain proves the trail whole). */
export async function countAuditPastPeriod(db: Db, cutoffMonths: number): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from audit_log where at < clock_timestamp() - ${months(cutoffMonths)}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export async function insertRun(
  tx: Db,
  counts: Record<string, number>,
  settings: Record<string, number>,
): Promise<number> {
  const row = await tx
    .insertInto("retention_runs")
    .values({ counts: JSON.stringify(counts), settings: JSON.stringify(settings) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Sums of every run in [from, to). */
export async function sumRuns(db: Db, from: Date, to: Date): Promise<{ runs: number; counts: Record<string, number> }> {
  const rows = await db
    .selectFrom("retention_runs")
    .select("counts")
    .where("ran_at", ">=", from)
    .where("ran_at", "<", to)
    .execute();
  const counts: Record<string, number> = {};
  for (const row of rows) for (const [k, v] of Object.entries(row.counts)) counts[k] = (counts[k] ?? 0) + v;
  return { runs: rows.length, counts };
}

export async function selectHolds(db: Db) {
  return db
    .selectFrom("legal_holds as h")
    .innerJoin("incidents as i", "i.id", "h.incident_id")
    .select(["i.id as incidentId", "i.reference", "h.reason", "h.set_by as setBy", "h.set_at as setAt"])
    .orderBy("h.set_at", "desc")
    .execute();
}

export async function insertHold(tx: Db, incidentId: string, reason: string, setBy: string | null): Promise<boolean> {
  const r = await tx
    .insertInto("legal_holds")
    .values({ incident_id: incidentId, reason, set_by: setBy })
    .onConflict((oc) => oc.column("incident_id").doUpdateSet({ reason, set_by: setBy }))
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteHold(tx: Db, incidentId: string): Promise<boolean> {
  const r = await tx.deleteFrom("legal_holds").where("incident_id", "=", incidentId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** One incident's legal hold with the name of who placed it, if any. */
export function selectHold(db: Db, incidentId: string) {
  return db
    .selectFrom("legal_holds as h")
    .leftJoin("users as u", "u.id", "h.set_by")
    .select(["h.reason", "h.set_at", "h.set_by", "u.name as set_by_name"])
    .where("h.incident_id", "=", incidentId)
    .executeTakeFirst();
}
