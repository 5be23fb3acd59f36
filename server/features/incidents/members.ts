import { appendAudit } from "../../platform/audit.js";
import { inTransaction } from "../../platform/db/connect.js";
import type { Db } from "../../platform/db/connect.js";
import type { TlpLabel } from "../../platform/db/tables/intake.js";
import { conflict, invalid } from "../../platform/errors.js";
import { namedRecipientToAdd } from "../../platform/tlp.js";
import { loadIncidentForChange } from "./access.js";
import { insertIncidentEvent } from "./events-store.js";
import { memberErrors } from "./field-checks.js";
import { selectUserRefs } from "./incident-store.js";
import { deleteMember, insertMember } from "./members-store.js";
import type { IncidentContext } from "./types.js";

// Explicit members: on a TLP:RED incident they (with the assignee and admins) are the only readers.

async function change(ctx: IncidentContext, reference: string, userId: string, add: boolean): Promise<string> {
  return inTransaction(ctx.db, async (tx) => {
    const incident = await loadIncidentForChange(tx, ctx.actor, reference);
    const by = ctx.actor.kind === "user" ? ctx.actor.userId : null;
    const now = ctx.clock.now();
    if (add) {
      const errors = await memberErrors(tx, userId, "body.userId");
      if (errors.length > 0) throw invalid("validation_failed", "Some fields are invalid", errors);
      if (!(await insertMember(tx, { incidentId: incident.id, userId, at: now, by })))
        throw conflict("member_already_added", "This person is already a member of the incident");
    } else if (!(await deleteMember(tx, incident.id, userId))) {
      throw conflict("not_a_member", "This person is not a member of the incident");
    }
    const name = (await selectUserRefs(tx, [userId])).get(userId)?.name ?? null;
    await insertIncidentEvent(tx, {
      incidentId: incident.id,
      kind: "member",
      occurredAt: now,
      recordedAt: now,
      authorId: by,
      data: { action: add ? "added" : "removed", userId, name },
    });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: add ? "incident.member_added" : "incident.member_removed",
      target: { type: "incident", id: incident.reference },
      diff: { userId },
      ip: ctx.ip ?? null,
    });
    return incident.id;
  });
}

/**
 * Whoever opens a TLP:RED incident or links a report into one becomes a member (platform/tlp.ts,
 * namedRecipientToAdd), in the caller's transaction, with its timeline entry and audit entry; nothing
 * when they already are one. Answers whether they were added (the console says so).
 */
export async function keepNamedRecipient(
  tx: Db,
  ctx: IncidentContext,
  incident: { id: string; reference: string; tlp: TlpLabel },
  reason: "created" | "linked_report",
  at: Date,
): Promise<boolean> {
  const userId = namedRecipientToAdd(ctx.actor, incident);
  if (userId === null) return false;
  if (!(await insertMember(tx, { incidentId: incident.id, userId, at, by: userId }))) return false;
  const name = (await selectUserRefs(tx, [userId])).get(userId)?.name ?? null;
  await insertIncidentEvent(tx, {
    incidentId: incident.id,
    kind: "member",
    occurredAt: at,
    recordedAt: at,
    authorId: userId,
    data: { action: "added", userId, name, reason },
  });
  await appendAudit(tx, ctx.clock, {
    actor: ctx.actor,
    action: "incident.member_added",
    target: { type: "incident", id: incident.reference },
    diff: { userId, reason },
    ip: ctx.ip ?? null,
  });
  return true;
}

/** Adds a staff user who reads incidents as a member; answers the incident's id. */
export function addMember(ctx: IncidentContext, reference: string, userId: string): Promise<string> {
  return change(ctx, reference, userId, true);
}

/** Removes a member; answers the incident's id. */
export function removeMember(ctx: IncidentContext, reference: string, userId: string): Promise<string> {
  return change(ctx, reference, userId, false);
}
