import { createHash } from "node:crypto";
import type { CaseKind, NewReply, SeenReceipt, UnreadSummary } from "../../../contract/unread.js";
import type { UserActor } from "../../platform/auth/actor.js";
import type { ServiceContext } from "../../platform/deps.js";
import { forbidden, notFound } from "../../platform/errors.js";
import { readsCases } from "../../platform/tlp.js";
import { countUnread, selectChangeMarks, selectNewReplies, upsertSeen } from "./store.js";

/** Only staff who read cases have a "last looked"; a script's token is a user too, and may mark. */
function reader(ctx: ServiceContext): UserActor {
  const actor = ctx.actor;
  if (actor.kind !== "user" || !readsCases(actor)) throw forbidden();
  return actor;
}

/**
 * The caller has looked at a report or an incident now (the console says so when the page opens).
 * Answers when they had looked before, so the page can mark what came since. A case they may not see
 * is 404, like one that does not exist.
 */
export async function markSeen(ctx: ServiceContext, kind: CaseKind, reference: string): Promise<SeenReceipt> {
  const actor = reader(ctx);
  const now = ctx.clock.now();
  const seen = await upsertSeen(ctx.db, actor, kind, reference, now);
  if (!seen)
    throw kind === "report"
      ? notFound("report_not_found", "No such report")
      : notFound("incident_not_found", "No such incident");
  return { previousSeenAt: seen.previous?.toISOString() ?? null, seenAt: now.toISOString() };
}

/** How much is new to the caller, and the stamp their console polls to know when to reload its lists. */
export async function unreadSummary(ctx: ServiceContext): Promise<UnreadSummary> {
  const actor = reader(ctx);
  const [counts, marks] = await Promise.all([
    countUnread(ctx.db, actor, ctx.clock.now()),
    selectChangeMarks(ctx.db, actor),
  ]);
  // Hashed: the stamp is only compared, and a client needs none of the times it is made of.
  const stamp = createHash("sha256")
    .update(`${counts.reports}|${counts.incidents}|${marks}`)
    .digest("base64url")
    .slice(0, 16);
  return { ...counts, stamp };
}

/** The cases with replies the caller has not looked at, the latest first (the dashboard's "New replies"). */
export async function newReplies(ctx: ServiceContext, limit: number): Promise<NewReply[]> {
  const rows = await selectNewReplies(ctx.db, reader(ctx), ctx.clock.now(), limit);
  return rows.map((r) => ({
    kind: r.kind,
    reference: r.reference,
    title: r.title,
    repliedAt: r.replied_at.toISOString(),
  }));
}
