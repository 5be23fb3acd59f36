import type { Member, MemberInvite, MemberList } from "../../../contract/members.js";
import {
  type LinkConfig,
  endMemberAccess,
  inviteMemberAccount,
  listMemberAccounts,
  toMember,
} from "../accounts/index.js";
import { getOrganisation } from "../constituency/index.js";
import type { ServiceContext } from "../../platform/deps.js";
import { assertMayManageMembers, assertMayReadMembers } from "./policy.js";

// Staff and an organisation's members: invite one (a one-time link by mail to choose a password and enrol
// 2FA, at /member/invite), list them, end one's access. The accounts themselves are accounts' business.

/** Staff invite a member to the organisation (404 for an unknown one; 409 for an e-mail in use). */
export async function inviteMember(
  ctx: ServiceContext,
  config: LinkConfig,
  organisationId: string,
  input: MemberInvite,
): Promise<Member> {
  assertMayManageMembers(ctx.actor);
  const org = await getOrganisation(ctx, organisationId);
  const row = await inviteMemberAccount(ctx, config, { id: org.id, name: org.name }, input);
  return toMember(row);
}

/** The organisation's members, for staff. */
export async function listMembers(ctx: ServiceContext, organisationId: string): Promise<MemberList> {
  assertMayReadMembers(ctx.actor);
  await getOrganisation(ctx, organisationId);
  return { items: await listMemberAccounts(ctx.db, organisationId) };
}

/** Staff end a member's access (sessions, tokens and links end with it). */
export async function endMembership(ctx: ServiceContext, organisationId: string, userId: string): Promise<Member> {
  assertMayManageMembers(ctx.actor);
  return endMemberAccess(ctx, organisationId, userId);
}
