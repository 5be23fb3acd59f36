import type { AckDone } from "../../../contract/oncall.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import type { AckMethod } from "../../platform/db/tables/oncall.js";
import { AppError, notFound } from "../../platform/errors.js";
import { acknowledgeReport } from "../intake/service.js";
import { auditOncall } from "./audit.js";
import { selectEscalation, selectEscalationForUpdate, markEscalationAcknowledged } from "./escalation-store.js";
import { ackTokenHash } from "./page-job.js";
import { assertMayDoDuty } from "./policy.js";
import type { OncallContext } from "./types.js";

// Acknowledging a page: from its one-time link (the page's button POSTs; a GET only shows), by replying
// "ack" to its mail, or from the console. It stops the escalation, records who and how, and takes the
// report (intake's acknowledgeReport: the report shows who acknowledged it and when).

/** What the link's page shows before asking to confirm, or null when the link is unknown, used or old. */
export async function describeAckLink(db: Db, now: Date, token: string) {
  const row = await selectToken(db, token);
  if (!row || row.used_at || row.expires_at <= now) return null;
  const escalation = await selectEscalation(db, row.escalation_id);
  if (!escalation) return null;
  return {
    language: row.language,
    trigger: escalation.trigger,
    subject: escalation.subject_ref,
    title: escalation.title,
    startedAt: escalation.started_at,
    acknowledgedAt: escalation.acknowledged_at,
  };
}

function selectToken(db: Db, token: string) {
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(token)) return Promise.resolve(undefined);
  return db
    .selectFrom("oncall_ack_tokens")
    .selectAll()
    .where("token_sha256", "=", ackTokenHash(token))
    .executeTakeFirst();
}

/** The person a token or delivery was sent to, as the actor they would be. */
async function actorOf(db: Db, userId: string | null): Promise<Actor | null> {
  if (!userId) return null;
  const user = await db
    .selectFrom("users")
    .select(["id", "email", "name", "kind", "organisation_id", "roles"])
    .where("id", "=", userId)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  if (!user || user.kind !== "staff") return null;
  return {
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
}

/** Acknowledges by the one-time link's token (the page's POST, or POST /api/public/v1/oncall/ack). */
export async function acknowledgeByToken(ctx: OncallContext, token: string): Promise<AckDone> {
  const row = await selectToken(ctx.db, token);
  const now = ctx.clock.now();
  if (!row || row.used_at || row.expires_at <= now)
    throw notFound("oncall_link_invalid", "This acknowledgement link is unknown, used or expired");
  const actor = await actorOf(ctx.db, row.user_id);
  const used = await ctx.db
    .updateTable("oncall_ack_tokens")
    .set({ used_at: now })
    .where("token_sha256", "=", row.token_sha256)
    .where("used_at", "is", null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) === 0)
    throw notFound("oncall_link_invalid", "This acknowledgement link is unknown, used or expired");
  return settle({ ...ctx, actor: actor ?? ctx.actor }, row.escalation_id, row.user_id, "link");
}

/** Acknowledges from the console (or API) by a duty officer. */
export async function acknowledgeFromConsole(ctx: OncallContext, escalationId: string): Promise<AckDone> {
  assertMayDoDuty(ctx.actor);
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  return settle(ctx, escalationId, userId, ctx.actor.kind === "user" && ctx.actor.via === "token" ? "api" : "console");
}

/** Acknowledges for the person a page's mail went to, who replied "ack" (mail-reply.ts). */
export async function acknowledgeByMail(
  ctx: Omit<OncallContext, "actor">,
  escalationId: string,
  userId: string | null,
): Promise<AckDone> {
  const actor = (await actorOf(ctx.db, userId)) ?? { kind: "system" as const, name: "oncall-mail" };
  return settle({ ...ctx, actor }, escalationId, userId, "mail");
}

/** Stops the escalation and records it; then takes the report if it is still new. */
async function settle(ctx: OncallContext, escalationId: string, userId: string | null, method: AckMethod) {
  const now = ctx.clock.now();
  const before = await ctx.db.transaction().execute(async (tx) => {
    const e = await selectEscalationForUpdate(tx, escalationId);
    if (!e) throw notFound("oncall_escalation_not_found", "No such escalation");
    if (e.acknowledged_at) return e;
    await markEscalationAcknowledged(tx, escalationId, userId, method, now);
    await auditOncall(
      ctx,
      tx,
      "oncall.acknowledged",
      { type: e.trigger === "report-overdue" ? "report" : "oncall_escalation", id: e.subject_ref },
      {
        escalationId,
        trigger: e.trigger,
        method,
        step: e.next_step,
        loop: e.next_loop,
      },
    );
    return { ...e, acknowledged_at: null };
  });
  const already = before.acknowledged_at !== null;
  if (!already && before.trigger === "report-overdue") await takeReport(ctx, before.subject_ref);
  return { subject: before.subject_ref, acknowledgedAt: (before.acknowledged_at ?? now).toISOString(), already };
}

/** The report leaves the queue as acknowledged by whoever answered the page; already taken is fine. */
async function takeReport(ctx: OncallContext, reference: string): Promise<void> {
  try {
    await acknowledgeReport({ ...ctx }, reference, { notifyReporter: false });
  } catch (err) {
    // Taken meanwhile (409), or the person may not acknowledge reports: the escalation stays stopped.
    if (err instanceof AppError) return;
    throw err;
  }
}
