import { appendAudit } from "../../platform/audit.js";
import type { ServiceContext } from "../../platform/deps.js";
import { conflict, notFound } from "../../platform/errors.js";
import { deleteUserSessions, replaceRecoveryCodes } from "./credentials-store.js";
import { assertMayManageUsers } from "./policy.js";
import { lockUserById, updateUser } from "./store.js";

/**
 * An admin (or the CLI) clears another user's TOTP and recovery codes, for someone who lost both
 * their phone and their codes, and ends that user's sessions. With 2FA required for all staff, the
 * user must enrol again at the next sign-in; otherwise the password alone signs them in.
 */
export async function resetTotpByAdmin(ctx: ServiceContext, userId: string): Promise<void> {
  assertMayManageUsers(ctx.actor);
  // One's own second factor is changed on My account, which asks for the current session; an admin
  // with a lost phone asks another admin (or the CLI), so one stolen admin session cannot strip it.
  if (ctx.actor.kind === "user" && ctx.actor.userId === userId) {
    throw conflict("totp_reset_own", "Use My account to change your own two-step verification");
  }
  await ctx.db.transaction().execute(async (tx) => {
    const user = await lockUserById(tx, userId);
    if (!user || user.kind !== "staff") throw notFound("user_not_found", "No such user");
    const now = ctx.clock.now();
    // Also when TOTP is off: a half-finished enrolment's secret goes too, and the sessions still end,
    // so a repeated click or a race with the user's own change is harmless rather than an error.
    await updateUser(tx, userId, { totp_secret: null, totp_enabled_at: null, totp_last_step: null }, now);
    await replaceRecoveryCodes(tx, userId, []);
    await deleteUserSessions(tx, userId);
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "user.totp_reset",
      target: { type: "user", id: userId },
      diff: { totpEnabled: { from: user.totp_enabled_at !== null, to: false } },
      ip: ctx.ip,
    });
  });
}
