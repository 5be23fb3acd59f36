import type { Me, MePatch, PasswordChange } from "../../../contract/accounts.js";
import { appendAudit } from "../../platform/audit.js";
import { hashPassword, verifyPassword } from "../../platform/auth/password.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError } from "../../platform/errors.js";
import { deleteSessionByHash } from "./credentials-store.js";
import { assertStrongPassword } from "./password-strength.js";
import { throttledProof } from "./login-throttle.js";
import { ownUserId } from "./policy.js";
import { meFromRow } from "./present.js";
import { storeNewPassword } from "./reset-password.js";
import { readRequireTotp } from "./security-settings.js";
import { type UserUpdate, findUserById, lockUserById, updateUser } from "./store.js";

const gone = () => new AppError("unauthenticated", "unauthenticated", "Sign in first");

/** The caller changes their own display name or language (remembered per user). */
export async function updateProfile(ctx: ServiceContext, patch: MePatch, csrfToken: string | null): Promise<Me> {
  const userId = ownUserId(ctx.actor);
  const row = await ctx.db.transaction().execute(async (tx) => {
    const before = await lockUserById(tx, userId);
    if (!before) throw gone();
    const set: UserUpdate = {};
    const diff: Record<string, { from: string; to: string }> = {};
    if (patch.name !== undefined && patch.name !== before.name) {
      set.name = patch.name;
      diff.name = { from: before.name, to: patch.name };
    }
    if (patch.language !== undefined && patch.language !== before.language) {
      set.language = patch.language;
      diff.language = { from: before.language, to: patch.language };
    }
    if (Object.keys(diff).length === 0) return before;
    const after = await updateUser(tx, userId, set, ctx.clock.now());
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "user.updated",
      target: { type: "user", id: userId },
      diff,
      ip: ctx.ip,
    });
    return after;
  });
  return meFromRow(row, csrfToken, await readRequireTotp(ctx.db));
}

/** The caller changes their password; their other sessions end, and their API tokens when asked. */
export async function changePassword(
  ctx: ServiceContext,
  input: PasswordChange,
  keepSessionHash: string | null,
): Promise<void> {
  const userId = ownUserId(ctx.actor);
  const user = await findUserById(ctx.db, userId);
  if (!user) throw gone();
  await throttledProof(ctx.db, { email: user.email, ip: ctx.ip, now: ctx.clock.now() }, async () => {
    if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
      throw new AppError("current_password_wrong", "invalid", "The current password is wrong", {
        errors: [{ path: "body.currentPassword", message: "wrong password", code: "wrong_password" }],
      });
    }
  });
  assertStrongPassword(input.newPassword, user, "body.newPassword");
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (tx) => {
    const tokensRevoked = await storeNewPassword(tx, ctx.clock.now(), {
      userId,
      passwordHash,
      keepSessionHash,
      revokeTokens: input.revokeTokens,
    });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "password.changed",
      target: { type: "user", id: userId },
      ...(input.revokeTokens ? { diff: { tokensRevoked } } : {}),
      ip: ctx.ip,
    });
  });
}

/** Ends the caller's session (no-op for token callers, whose token stays valid). */
export async function logout(ctx: ServiceContext, sessionIdHash: string | null): Promise<void> {
  const userId = ownUserId(ctx.actor);
  if (!sessionIdHash) return;
  await ctx.db.transaction().execute(async (tx) => {
    await deleteSessionByHash(tx, sessionIdHash);
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "logout",
      target: { type: "user", id: userId },
      ip: ctx.ip,
    });
  });
}
