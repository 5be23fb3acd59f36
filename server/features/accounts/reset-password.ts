import { appendAudit } from "../../platform/audit.js";
import { hashPassword } from "../../platform/auth/password.js";
import type { ServiceContext } from "../../platform/deps.js";
import { notFound } from "../../platform/errors.js";
import { deleteUserSessions, revokeUserTokens } from "./credentials-store.js";
import { assertStrongPassword } from "./password-strength.js";
import { assertMayManageUsers } from "./policy.js";
import { findUserById, updateUser } from "./store.js";

/**
 * An admin or the CLI sets a user's password without the old one; the user's sessions end, and
 * their API tokens too with `revokeTokens`.
 */
export async function resetPassword(
  ctx: ServiceContext,
  userId: string,
  newPassword: string,
  field: string,
  options: { revokeTokens?: boolean } = {},
): Promise<void> {
  assertMayManageUsers(ctx.actor);
  const user = await findUserById(ctx.db, userId);
  if (!user) throw notFound("user_not_found", "No such user");
  assertStrongPassword(newPassword, user, field);
  const passwordHash = await hashPassword(newPassword);
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    await updateUser(tx, userId, { password_hash: passwordHash, password_changed_at: now }, now);
    await deleteUserSessions(tx, userId);
    const tokensRevoked = options.revokeTokens ? await revokeUserTokens(tx, userId, now) : 0;
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "password.changed",
      target: { type: "user", id: userId },
      diff: { by: "reset", ...(options.revokeTokens ? { tokensRevoked } : {}) },
      ip: ctx.ip,
    });
  });
}
