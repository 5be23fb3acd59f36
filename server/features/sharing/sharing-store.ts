import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { PapLabel } from "../../../contract/incidents.js";
import type { SightingOrigin } from "../../../contract/observables.js";
import type { SharingConsent, TlpLabel } from "../../platform/db/tables/intake.js";

// SQL only: what the sharing decision needs to know about incidents — their labels, the consent and
// TLP of every linked report (whoever asks: the restriction binds whatever the asker may see), the
// organisations they affect and name, and where in them each value was seen.

export interface SharingIncidentRow {
  id: string;
  reference: string;
  tlp: TlpLabel;
  pap: PapLabel;
}

export interface SharingReportRow {
  incident_id: string;
  report_id: string;
  tlp: TlpLabel;
  sharing_information: SharingConsent | null;
  sharing_data: SharingConsent | null;
  sharing_logs: SharingConsent | null;
}

export interface SharingOrganisationRow {
  incident_id: string;
  organisation_id: string;
}

/** One place a value was seen: in the incident itself (report_id null) or in one of its linked reports. */
export interface SharingSightingRow {
  incident_id: string;
  observable_id: number;
  report_id: string | null;
  origin: SightingOrigin;
}

/** The incidents by id or reference (whichever is given). */
export async function selectSharingIncidents(
  db: Db,
  by: { ids: readonly string[] } | { references: readonly string[] },
): Promise<SharingIncidentRow[]> {
  const list = "ids" in by ? by.ids : by.references;
  if (list.length === 0) return [];
  return db
    .selectFrom("incidents")
    .select(["id", "reference", "tlp", "pap"])
    .where("ids" in by ? "id" : "reference", "in", [...list])
    .execute();
}

/** Every linked report's TLP and consent answers. */
export async function selectSharingReports(db: Db, incidentIds: readonly string[]): Promise<SharingReportRow[]> {
  if (incidentIds.length === 0) return [];
  return db
    .selectFrom("incident_reports as l")
    .innerJoin("reports as r", "r.id", "l.report_id")
    .select(["l.incident_id", "l.report_id", "r.tlp", "r.sharing_information", "r.sharing_data", "r.sharing_logs"])
    .where("l.incident_id", "in", [...incidentIds])
    .execute();
}

/** The registry organisations the incidents affect (accepted links only). */
export async function selectAffectedOrganisations(
  db: Db,
  incidentIds: readonly string[],
): Promise<SharingOrganisationRow[]> {
  if (incidentIds.length === 0) return [];
  return db
    .selectFrom("incident_organisations")
    .select(["incident_id", "organisation_id"])
    .where("incident_id", "in", [...incidentIds])
    .where("accepted", "=", true)
    .execute();
}

/** The organisations named as the incidents' recipients. */
export async function selectNamedRecipients(db: Db, incidentIds: readonly string[]): Promise<SharingOrganisationRow[]> {
  if (incidentIds.length === 0) return [];
  return db
    .selectFrom("sharing_recipients")
    .select(["incident_id", "organisation_id"])
    .where("incident_id", "in", [...incidentIds])
    .execute();
}

/** Where each value of the incidents was seen: in the incident, or in a linked report. */
export async function selectSharingSightings(db: Db, incidentIds: readonly string[]): Promise<SharingSightingRow[]> {
  if (incidentIds.length === 0) return [];
  const ids = [...incidentIds];
  const own = db
    .selectFrom("sightings as s")
    .select(["s.case_id as incident_id", "s.observable_id", sql<string | null>`null::uuid`.as("report_id"), "s.origin"])
    .where("s.case_kind", "=", "incident")
    .where("s.case_id", "in", ids);
  const viaReports = db
    .selectFrom("sightings as s")
    .innerJoin("incident_reports as l", "l.report_id", "s.case_id")
    .select(["l.incident_id", "s.observable_id", "s.case_id as report_id", "s.origin"])
    .where("s.case_kind", "=", "report")
    .where("l.incident_id", "in", ids);
  return own.unionAll(viaReports).execute();
}

/** One value's TLP as a MISP import brought it into an incident (exchange, migration 0114). */
export interface SharingImportedTlpRow {
  incident_id: string;
  observable_id: number;
  tlp: TlpLabel;
}

/** The TLP every imported value came with: a value never goes wider than its source allowed. */
export async function selectImportedTlps(db: Db, incidentIds: readonly string[]): Promise<SharingImportedTlpRow[]> {
  if (incidentIds.length === 0) return [];
  return db
    .selectFrom("misp_import_values")
    .select(["incident_id", "observable_id", "tlp"])
    .where("incident_id", "in", [...incidentIds])
    .execute();
}

/** Names an organisation as a recipient of an incident (idempotent). */
export async function insertNamedRecipient(
  db: Db,
  row: { incident_id: string; organisation_id: string; added_by: string | null; added_at: Date },
): Promise<boolean> {
  const res = await db
    .insertInto("sharing_recipients")
    .values(row)
    .onConflict((oc) => oc.columns(["incident_id", "organisation_id"]).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Removes a named recipient; whether there was one. */
export async function deleteNamedRecipient(db: Db, incidentId: string, organisationId: string): Promise<boolean> {
  const res = await db
    .deleteFrom("sharing_recipients")
    .where("incident_id", "=", incidentId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
