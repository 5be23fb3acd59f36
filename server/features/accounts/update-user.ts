import type { User, UserPatch } from "../../../contract/accounts.js";
import { appendAudit } from "../../platform/audit.js";
import type { ServiceContext } from "../../platform/deps.js";
import { notFound } from "../../platform/errors.js";
import { revokeOpenAccountLinks } from "./account-link-store.js";
import { deleteUserSessions, revokeUserTokens } from "./credentials-store.js";
import { assertAdminRemains, assertMayManageUsers } from "./policy.js";
import { toUser } from "./present.js";
import { type UserUpdate, lockActiveAdmins, lockUserById, updateUser } from "./store.js";

type Change<T> = { from: T; to: T };

/**
 * An admin changes a user's name, roles or disabled state. Disabling ends the user's sessions and
 * revokes their API tokens at once, for good: enabling the user again does not bring them back.
 */
export async function updateUserByAdmin(ctx: ServiceContext, id: string, patch: UserPatch): Promise<User> {
  assertMayManageUsers(ctx.actor);
  return ctx.db.transaction().execute(async (tx) => {
    const activeAdmins = await lockActiveAdmins(tx);
    const before = await lockUserById(tx, id);
    if (!before || before.kind !== "staff") throw notFound("user_not_found", "No such user");
    const set: UserUpdate = {};
    const diff: {
      name?: Change<string>;
      roles?: Change<string[]>;
      disabled?: Change<boolean>;
      tokensRevoked?: number;
    } = {};
    if (patch.name !== undefined && patch.name !== before.name) {
      set.name = patch.name;
      diff.name = { from: before.name, to: patch.name };
    }
    if (patch.roles !== undefined) {
      const roles = [...new Set(patch.roles)];
      if (roles.join() !== before.roles.join()) {
        set.roles = roles;
        diff.roles = { from: before.roles, to: roles };
      }
    }
    const wasDisabled = before.disabled_at !== null;
    if (patch.disabled !== undefined && patch.disabled !== wasDisabled) {
      set.disabled_at = patch.disabled ? ctx.clock.now() : null;
      diff.disabled = { from: wasDisabled, to: patch.disabled };
    }
    const staysAdmin = !(set.disabled_at ?? before.disabled_at) && (set.roles ?? before.roles).includes("admin");
    if (activeAdmins.includes(id) && !staysAdmin) assertAdminRemains(activeAdmins.length - 1);
    if (Object.keys(diff).length === 0) return toUser(before);
    const after = await updateUser(tx, id, set, ctx.clock.now());
    if (set.disabled_at) {
      await deleteUserSessions(tx, id);
      diff.tokensRevoked = await revokeUserTokens(tx, id, set.disabled_at);
      // An invitation or reset link mailed before must not bring the account back to life.
      await revokeOpenAccountLinks(tx, id, set.disabled_at);
    }
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "user.updated",
      target: { type: "user", id },
      diff,
      ip: ctx.ip,
    });
    return toUser(after);
  });
}
