import type { Member } from "../../../contract/members.js";
import { appendAudit } from "../../platform/audit.js";
import type { Db } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { notFound } from "../../platform/errors.js";
import { revokeOpenAccountLinks } from "./account-link-store.js";
import { deleteUserSessions, revokeUserTokens } from "./credentials-store.js";
import { type UserRow, findUserByEmail, lockUserById, updateUser } from "./store.js";

// Members' accounts, as the members feature asks for them (it decides who may): the members of an
// organisation, and ending one's access. Inviting one is invite-user.ts's inviteMemberAccount.

/** A member's account as staff see it on the organisation. */
export function toMember(row: UserRow): Member {
  return {
    id: row.id,
    organisationId: row.organisation_id ?? "",
    email: row.email,
    name: row.name,
    language: row.language,
    invited: row.password_hash === null,
    totpEnabled: row.totp_enabled_at !== null,
    ended: row.disabled_at !== null,
    createdAt: row.created_at.toISOString(),
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
  };
}

/** Every member of the organisation (those whose access ended too), by name. */
export async function listMemberAccounts(db: Db, organisationId: string): Promise<Member[]> {
  const rows = await db
    .selectFrom("users")
    .selectAll()
    .where("kind", "=", "member")
    .where("organisation_id", "=", organisationId)
    .orderBy("name")
    .orderBy("id")
    .limit(1000)
    .execute();
  return rows.map(toMember);
}

/**
 * Ends a member's access: the account is disabled, its sessions end, its API tokens and any mailed link
 * are revoked — at once and for good (as disabling a staff user). 404 unless the user is a member of
 * this organisation. Ending it twice changes nothing more.
 */
export async function endMemberAccess(ctx: ServiceContext, organisationId: string, userId: string): Promise<Member> {
  return ctx.db.transaction().execute(async (tx) => {
    const before = await lockUserById(tx, userId);
    if (!before || before.kind !== "member" || before.organisation_id !== organisationId) {
      throw notFound("member_not_found", "No such member of this organisation");
    }
    if (before.disabled_at !== null) return toMember(before);
    const at = ctx.clock.now();
    const after = await updateUser(tx, userId, { disabled_at: at }, at);
    await deleteUserSessions(tx, userId);
    const tokensRevoked = await revokeUserTokens(tx, userId, at);
    const linksRevoked = await revokeOpenAccountLinks(tx, userId, at);
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "member.access_ended",
      target: { type: "user", id: userId },
      diff: { organisationId, email: before.email, tokensRevoked, linksRevoked },
      ip: ctx.ip,
    });
    return toMember(after);
  });
}

/** Who holds an address, as a forum's approval needs it (features/forums): kind, organisation, language. */
export async function accountByEmail(
  db: Db,
  email: string,
): Promise<
  | { id: string; name: string; kind: UserRow["kind"]; organisationId: string | null; language: UserRow["language"] }
  | undefined
> {
  const row = await findUserByEmail(db, email.toLowerCase());
  return row
    ? { id: row.id, name: row.name, kind: row.kind, organisationId: row.organisation_id, language: row.language }
    : undefined;
}
