import { type Insertable, type Selectable, type SqlBool, type Updateable, sql } from "kysely";
import { type Role, staffRolesOf } from "../../../contract/roles.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import type { IncidentsTable } from "../../platform/db/tables/incidents.js";
import type { ReportsTable, TlpLabel } from "../../platform/db/tables/intake.js";
import { reportVisibleSql } from "../../platform/tlp.js";

// SQL for incidents, their linked reports and the users they name. Rules live in the use-case files.

export type IncidentRecord = Omit<Selectable<IncidentsTable>, "search">;
export type IncidentChanges = Omit<Updateable<IncidentsTable>, "id" | "search" | "reference">;

/** Every column but the search vector: what services read of an incident. */
export const INCIDENT_COLUMNS = [
  "id",
  "reference",
  "title",
  "status",
  "severity",
  "rsit_class",
  "rsit_type",
  "rsit_version",
  "sectors",
  "affected_organisations",
  "tlp",
  "pap",
  "assignee_id",
  "due_at",
  "sla_paused_at",
  "resolution",
  "reported_at",
  "acknowledged_at",
  "first_response_at",
  "contained_at",
  "resolved_at",
  "rejected_at",
  "created_at",
  "created_by",
  "updated_at",
  "version",
] as const;

/** Inserts an incident; returns its id. */
export async function insertIncident(tx: Db, row: Insertable<IncidentsTable>): Promise<string> {
  const inserted = await tx.insertInto("incidents").values(row).returning("id").executeTakeFirstOrThrow();
  return inserted.id;
}

/** The incident by id, without a visibility check: only for one the caller has just been allowed to change. */
export async function selectIncidentById(db: Db, id: string): Promise<IncidentRecord | undefined> {
  return db.selectFrom("incidents").select(INCIDENT_COLUMNS).where("id", "=", id).executeTakeFirst();
}

/** The incident by id, locked for the caller's transaction; no visibility check (system paths only). */
export async function lockIncidentById(tx: Db, id: string): Promise<IncidentRecord | undefined> {
  return tx.selectFrom("incidents").select(INCIDENT_COLUMNS).where("id", "=", id).forUpdate().executeTakeFirst();
}

/** Writes the given columns of one incident. */
export async function updateIncident(tx: Db, id: string, changes: IncidentChanges): Promise<void> {
  await tx.updateTable("incidents").set(changes).where("id", "=", id).execute();
}

/** The report columns linking needs. */
export type LinkableReport = Pick<
  Selectable<ReportsTable>,
  "id" | "reference" | "status" | "tlp" | "received_at" | "acknowledged_at"
>;

/** The reports with these references that the actor may see, locked for the caller's transaction. */
export async function lockVisibleReports(
  tx: Db,
  actor: Actor,
  references: readonly string[],
): Promise<LinkableReport[]> {
  if (references.length === 0) return [];
  return tx
    .selectFrom("reports as r")
    .select(["r.id", "r.reference", "r.status", "r.tlp", "r.received_at", "r.acknowledged_at"])
    .where("r.reference", "in", [...references])
    .where(reportVisibleSql(actor, "r"))
    .forUpdate()
    .execute();
}

export async function insertLink(tx: Db, link: { incidentId: string; reportId: string; at: Date; by: string | null }) {
  await tx
    .insertInto("incident_reports")
    .values({ incident_id: link.incidentId, report_id: link.reportId, linked_at: link.at, linked_by: link.by })
    .execute();
}

/** Removes a link; false when there was none. */
export async function deleteLink(tx: Db, incidentId: string, reportId: string): Promise<boolean> {
  const result = await tx
    .deleteFrom("incident_reports")
    .where("incident_id", "=", incidentId)
    .where("report_id", "=", reportId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function isLinked(db: Db, incidentId: string, reportId: string): Promise<boolean> {
  const row = await db
    .selectFrom("incident_reports")
    .select("report_id")
    .where("incident_id", "=", incidentId)
    .where("report_id", "=", reportId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The ids of the incidents the report is linked to, in id order (the order rows are locked in). */
export async function selectIncidentIdsOfReport(db: Db, reportId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("incident_reports")
    .select("incident_id")
    .where("report_id", "=", reportId)
    .orderBy("incident_id")
    .execute();
  return rows.map((r) => r.incident_id);
}

/** How many incidents the report is linked to. */
export async function countLinksOfReport(db: Db, reportId: string): Promise<number> {
  const row = await db
    .selectFrom("incident_reports")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("report_id", "=", reportId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The TLP of every report linked to the incident (visible or not: their markings bind the incident). */
export async function selectLinkedTlps(db: Db, incidentId: string): Promise<TlpLabel[]> {
  const rows = await db
    .selectFrom("incident_reports as l")
    .innerJoin("reports as r", "r.id", "l.report_id")
    .select("r.tlp")
    .where("l.incident_id", "=", incidentId)
    .execute();
  return rows.map((r) => r.tlp);
}

/** KPI reported/acknowledged: the earliest of the linked reports (null when none is linked). */
export async function refreshReportKpis(tx: Db, incidentId: string): Promise<void> {
  await tx
    .updateTable("incidents")
    .set((eb) => ({
      reported_at: eb
        .selectFrom("incident_reports as l")
        .innerJoin("reports as r", "r.id", "l.report_id")
        .select((e) => e.fn.min("r.received_at").as("at"))
        .where("l.incident_id", "=", incidentId),
      acknowledged_at: eb
        .selectFrom("incident_reports as l")
        .innerJoin("reports as r", "r.id", "l.report_id")
        .select((e) => e.fn.min("r.acknowledged_at").as("at"))
        .where("l.incident_id", "=", incidentId),
    }))
    .where("id", "=", incidentId)
    .execute();
}

/** A staff user's id, name, e-mail and roles when active (not disabled), else undefined. */
export async function selectActiveStaffUser(
  db: Db,
  id: string,
): Promise<{ id: string; name: string; email: string; roles: Role[] } | undefined> {
  const row = await db
    .selectFrom("users")
    .select(["id", "name", "email", "roles"])
    .where("id", "=", id)
    .where("kind", "=", "staff")
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  return row && { ...row, roles: staffRolesOf(row.roles) };
}

/** Active staff users holding any of `roles`, by name (the pickers: a CERT has tens, not thousands). */
export async function selectStaffWithRoles(
  db: Db,
  roles: readonly string[],
): Promise<{ id: string; name: string; email: string; roles: Role[] }[]> {
  const rows = await db
    .selectFrom("users")
    .select(["id", "name", "email", "roles"])
    .where("kind", "=", "staff")
    .where("disabled_at", "is", null)
    .where(sql<SqlBool>`roles && ${sql.val(roles)}::text[]`)
    .orderBy("name")
    .limit(2000)
    .execute();
  return rows.map((r) => ({ ...r, roles: staffRolesOf(r.roles) }));
}

/** Id, name and e-mail of users by id. */
export async function selectUserRefs(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { id: string; name: string; email: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(["id", "name", "email"])
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}
