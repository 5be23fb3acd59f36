import type { User, UserInvite } from "../../../contract/accounts.js";
import type { Role } from "../../../contract/roles.js";
import { appendAudit } from "../../platform/audit.js";
import type { ServiceContext } from "../../platform/deps.js";
import { conflict } from "../../platform/errors.js";
import { type LinkConfig, issueAccountLink } from "./account-links.js";
import { assertMayManageUsers } from "./policy.js";
import { toUser } from "./present.js";
import { findUserByEmail, insertUser } from "./store.js";

/**
 * An admin invites a staff user: the account exists at once (roles set, no password, so it cannot sign
 * in) and the person gets a one-time link by mail in their language to choose a password and enrol 2FA.
 */
export async function inviteUser(ctx: ServiceContext, config: LinkConfig, input: UserInvite): Promise<User> {
  assertMayManageUsers(ctx.actor);
  const roles = [...new Set<Role>(input.roles)];
  return ctx.db.transaction().execute(async (tx) => {
    if (await findUserByEmail(tx, input.email)) throw conflict("email_taken", "A user with this e-mail exists");
    const row = await insertUser(tx, {
      email: input.email,
      name: input.name,
      roles,
      passwordHash: null,
      language: input.language ?? "sv",
      at: ctx.clock.now(),
    });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "user.invited",
      target: { type: "user", id: row.id },
      diff: { email: row.email, name: row.name, roles, language: row.language },
      ip: ctx.ip,
    });
    await issueAccountLink(tx, ctx, config, row, "invite");
    return toUser(row);
  });
}
