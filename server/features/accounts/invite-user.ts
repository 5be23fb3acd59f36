import type { User, UserInvite } from "../../../contract/accounts.js";
import { MEMBER_ROLE, type Role, type UserRole } from "../../../contract/roles.js";
import { appendAudit } from "../../platform/audit.js";
import { type Db, inTransaction } from "../../platform/db/connect.js";
import type { Language } from "../../platform/db/tables/accounts.js";
import type { ServiceContext } from "../../platform/deps.js";
import { conflict } from "../../platform/errors.js";
import { type LinkConfig, issueAccountLink } from "./account-links.js";
import { assertMayManageUsers } from "./policy.js";
import { toUser } from "./present.js";
import { type UserRow, findUserByEmail, insertUser } from "./store.js";

// Inviting is how every account that is not the first admin comes to be: the account exists at once
// (no password, so it cannot sign in) and the person gets a one-time link by mail in their language to
// choose a password and enrol 2FA. Staff users (an admin invites them, with roles) and members of a
// constituent organisation (staff invite them to it: features/members) go through the same code.

interface Invitation {
  email: string;
  name: string;
  language?: Language;
  roles: UserRole[];
  /** A member's organisation; absent for staff. */
  memberOf?: { id: string; name: string };
  /** An external member's forum (for the invitation's words); they are bound to no organisation. */
  externalIn?: string;
}

/** In the caller's transaction: the invited account, its audit entry and its mailed link. */
async function createInvitedUser(tx: Db, ctx: ServiceContext, config: LinkConfig, input: Invitation): Promise<UserRow> {
  if (await findUserByEmail(tx, input.email)) throw conflict("email_taken", "A user with this e-mail exists");
  const row = await insertUser(tx, {
    email: input.email,
    name: input.name,
    roles: input.roles,
    memberOf: input.memberOf?.id,
    external: input.externalIn !== undefined,
    passwordHash: null,
    language: input.language ?? "sv",
    at: ctx.clock.now(),
  });
  await appendAudit(tx, ctx.clock, {
    actor: ctx.actor,
    action: input.memberOf || input.externalIn !== undefined ? "member.invited" : "user.invited",
    target: { type: "user", id: row.id },
    diff: {
      email: row.email,
      name: row.name,
      // The organisation by name: audit details reach people, internal ids do not.
      ...(input.memberOf
        ? { organisation: input.memberOf.name }
        : input.externalIn !== undefined
          ? { external: true, forum: input.externalIn }
          : { roles: input.roles }),
      language: row.language,
    },
    ip: ctx.ip,
  });
  await issueAccountLink(tx, ctx, config, row, "invite", {
    organisationName: input.memberOf?.name ?? input.externalIn,
  });
  return row;
}

/** An admin invites a staff user with their roles. */
export async function inviteUser(ctx: ServiceContext, config: LinkConfig, input: UserInvite): Promise<User> {
  assertMayManageUsers(ctx.actor);
  const roles = [...new Set<Role>(input.roles)];
  return ctx.db
    .transaction()
    .execute(async (tx) => createInvitedUser(tx, ctx, config, { ...input, roles }).then(toUser));
}

/**
 * Invites a member of `organisation` (role `member`, bound to it). Who may invite members is the members
 * feature's rule (members/policy.ts), checked by its caller; the account rules (a unique e-mail, the
 * link, the audit) are these.
 */
export async function inviteMemberAccount(
  ctx: ServiceContext,
  config: LinkConfig,
  organisation: { id: string; name: string },
  input: { email: string; name: string; language?: Language },
): Promise<UserRow> {
  return inTransaction(ctx.db, async (tx) =>
    createInvitedUser(tx, ctx, config, { ...input, roles: [MEMBER_ROLE], memberOf: organisation }),
  );
}

/**
 * Invites an external member (role `member`, bound to no organisation: a person of another CERT whom a
 * forum admitted; the route guard lets them reach only their forums). In the caller's transaction when
 * there is one, so a forum's approval and the account commit together. Who may is the forums' rule.
 */
export async function inviteExternalMemberAccount(
  ctx: ServiceContext,
  config: LinkConfig,
  forumName: string,
  input: { email: string; name: string; language?: Language },
): Promise<UserRow> {
  return inTransaction(ctx.db, async (tx) =>
    createInvitedUser(tx, ctx, config, { ...input, roles: [MEMBER_ROLE], externalIn: forumName }),
  );
}
