import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import type { IncidentsTable } from "../../platform/db/tables/incidents.js";
import { forbidden, notFound } from "../../platform/errors.js";
import { incidentVisibleSql, worksCases } from "../../platform/tlp.js";
import { INCIDENT_COLUMNS } from "./incident-store.js";
import { selectVisibleLinkedReports } from "./linked-reports-store.js";
import type { Selectable } from "kysely";

export type IncidentRow = Omit<Selectable<IncidentsTable>, "search">;

/**
 * The incident `reference` as the actor may see it, through the TLP policy (platform/tlp.ts). An
 * incident the actor may not see answers exactly like one that does not exist (404), so a TLP:RED
 * reference reveals nothing. `forUpdate` locks the row for the caller's transaction.
 */
export async function loadVisibleIncident(
  db: Db,
  actor: Actor,
  reference: string,
  options: { forUpdate?: boolean } = {},
): Promise<IncidentRow> {
  let query = db
    .selectFrom("incidents as i")
    .select(INCIDENT_COLUMNS.map((c) => `i.${c}` as const))
    .where("i.reference", "=", reference.toUpperCase())
    .where(incidentVisibleSql(actor, "i"));
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound("incident_not_found", `No incident ${reference}`);
  return row;
}

/**
 * Like loadVisibleIncident, for a change: the actor must also work incidents (observers read only).
 * The visibility check comes first so an observer learns nothing about an incident hidden from them.
 */
export async function loadIncidentForChange(db: Db, actor: Actor, reference: string): Promise<IncidentRow> {
  const row = await loadVisibleIncident(db, actor, reference, { forUpdate: true });
  if (!worksCases(actor)) throw forbidden("forbidden", "Your roles do not allow changing incidents");
  return row;
}

/** The ids of the reports linked to this incident that the actor may see (for features that read a whole case). */
export async function visibleLinkedReportIds(db: Db, actor: Actor, incidentId: string): Promise<string[]> {
  return (await selectVisibleLinkedReports(db, actor, incidentId)).map((r) => r.id);
}

/** The reports linked to this incident that the actor may see, by id and reference (features reading a case's files). */
export async function visibleLinkedReports(
  db: Db,
  actor: Actor,
  incidentId: string,
): Promise<{ id: string; reference: string }[]> {
  return (await selectVisibleLinkedReports(db, actor, incidentId)).map((r) => ({ id: r.id, reference: r.reference }));
}
