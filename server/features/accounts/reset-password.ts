import { appendAudit } from "../../platform/audit.js";
import { hashPassword } from "../../platform/auth/password.js";
import type { Db } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { notFound } from "../../platform/errors.js";
import { revokeOpenAccountLinks } from "./account-link-store.js";
import { deleteUserSessions, revokeUserTokens } from "./credentials-store.js";
import { assertStrongPassword } from "./password-strength.js";
import { assertMayManageUsers } from "./policy.js";
import { findUserById, updateUser } from "./store.js";

/**
 * Writes a new password hash, the one way every path does it (own change, admin/CLI reset, a mailed
 * link): the user's sessions end (but `keepSessionHash`, the caller's own), their API tokens too with
 * `revokeTokens`, and any unused invitation or reset link stops working. Returns the tokens revoked.
 */
export async function storeNewPassword(
  tx: Db,
  at: Date,
  change: { userId: string; passwordHash: string; keepSessionHash?: string | null; revokeTokens: boolean },
): Promise<number> {
  await updateUser(tx, change.userId, { password_hash: change.passwordHash, password_changed_at: at }, at);
  await deleteUserSessions(tx, change.userId, change.keepSessionHash ?? null);
  await revokeOpenAccountLinks(tx, change.userId, at);
  return change.revokeTokens ? revokeUserTokens(tx, change.userId, at) : 0;
}

/**
 * The CLI sets a user's password without the old one (`fyr user passwd`); the user's sessions end, and
 * their API tokens too with `revokeTokens`. Admins in the console send a reset link instead.
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
    const revokeTokens = options.revokeTokens === true;
    const tokensRevoked = await storeNewPassword(tx, ctx.clock.now(), { userId, passwordHash, revokeTokens });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "password.changed",
      target: { type: "user", id: userId },
      diff: { by: "reset", ...(revokeTokens ? { tokensRevoked } : {}) },
      ip: ctx.ip,
    });
  });
}
