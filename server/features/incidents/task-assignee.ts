import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import { invalid } from "../../platform/errors.js";
import { maySeeIncident, worksCases } from "../../platform/tlp.js";
import type { IncidentRow } from "./access.js";
import { selectAssigneeCandidate } from "./tasks-store.js";

/**
 * Refuses (400 on body.assigneeId) a task assignee who could not act on it: unknown or disabled, not
 * someone who works incidents, or — on a TLP:RED incident — someone the TLP policy keeps out (add them
 * as a member first). The candidate is judged as the actor they would be, by platform/tlp.ts itself.
 */
export async function assertMayTakeTask(db: Db, userId: string, incident: IncidentRow): Promise<void> {
  const fail = (message: string) =>
    invalid("task_assignee_invalid", message, [{ path: "body.assigneeId", message, code: "unknown_value" }]);
  const user = await selectAssigneeCandidate(db, userId, incident.id);
  if (!user || user.kind !== "staff" || user.disabled_at !== null) throw fail("No active staff user has this id");
  const asActor: Actor = {
    kind: "user",
    userId: user.id,
    email: user.email,
    name: user.name,
    userKind: user.kind,
    organisationId: user.organisation_id,
    roles: user.roles,
    via: "session",
    tokenId: null,
  };
  if (!worksCases(asActor)) throw fail("This user does not work incidents");
  if (!maySeeIncident(asActor, { tlp: incident.tlp, assigneeId: incident.assignee_id }, Boolean(user.member)))
    throw fail("This user may not see this TLP:RED incident; add them as a member first");
}
