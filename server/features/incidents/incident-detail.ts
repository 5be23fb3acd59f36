import type { IncidentDetail } from "../../../contract/incidents.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import { notFound } from "../../platform/errors.js";
import { worksCases } from "../../platform/tlp.js";
import { earliestNis2View } from "../intake/service.js";
import { loadVisibleIncident } from "./access.js";
import { type IncidentRecord, selectIncidentById, selectUserRefs } from "./incident-store.js";
import { selectFirstCertMessageAt, selectLinkedConsents, selectVisibleLinkedReports } from "./linked-reports-store.js";
import { selectMembers } from "./members-store.js";
import { presentIncident } from "./present-incident.js";
import type { IncidentContext } from "./types.js";

/** One incident for staff, or 404 when it does not exist or is hidden from the actor (TLP:RED). */
export async function getIncident(ctx: IncidentContext, reference: string): Promise<IncidentDetail> {
  const row = await loadVisibleIncident(ctx.db, ctx.actor, reference);
  return buildIncidentDetail(ctx.db, ctx.actor, row, ctx.clock.now());
}

/**
 * The detail of an incident the actor has just changed (checked then), read by id after the commit.
 * Read without a second visibility check: a change may take the actor off a TLP:RED incident
 * (reassigned, left the members), and the answer to their own write must still arrive.
 */
export async function getChangedIncident(ctx: IncidentContext, id: string): Promise<IncidentDetail> {
  const row = await selectIncidentById(ctx.db, id);
  if (!row) throw notFound("incident_not_found", "The incident is gone");
  return buildIncidentDetail(ctx.db, ctx.actor, row, ctx.clock.now());
}

/** Assembles the detail: the row, its people, its visible reports and what derives from them. */
export async function buildIncidentDetail(
  db: Db,
  actor: Actor,
  row: IncidentRecord,
  now: Date,
): Promise<IncidentDetail> {
  const [members, reports, consents, users] = await Promise.all([
    selectMembers(db, row.id),
    selectVisibleLinkedReports(db, actor, row.id),
    selectLinkedConsents(db, row.id),
    selectUserRefs(db, row.assignee_id ? [row.assignee_id] : []),
  ]);
  const reportIds = reports.map((r) => r.id);
  const [nis2, firstCertMessageAt] = await Promise.all([
    earliestNis2View(db, reportIds, now),
    selectFirstCertMessageAt(db, reportIds),
  ]);
  return presentIncident(row, {
    assignee: (row.assignee_id && users.get(row.assignee_id)) || null,
    members,
    reports,
    consents,
    nis2: nis2 ? { stages: nis2.stages, deadlines: nis2.deadlines, next: nis2.next, report: nis2.reference } : null,
    firstCertMessageAt,
    canEdit: worksCases(actor),
    now,
  });
}
