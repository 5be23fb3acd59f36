import type { ForumMember, ForumProposal } from "../../../contract/forums.js";
import type { Config } from "../../platform/config.js";
import type { ServiceContext } from "../../platform/deps.js";
import { conflict, forbidden, notFound } from "../../platform/errors.js";
import { queueMail } from "../../platform/mail/index.js";
import { accountByEmail, inviteExternalMemberAccount, inviteMemberAccount } from "../accounts/index.js";
import { getOrganisation } from "../constituency/index.js";
import { openForum } from "./access.js";
import { audit } from "./audit.js";
import { admittedMail } from "./forum-mail.js";
import { moveMember, selectMember, upsertProposal } from "./forums-store.js";
import { assertMayDecideProposals, assertMayManageForums, assertMayPropose } from "./policy.js";
import { toMember } from "./present.js";

// Vetted membership: a sponsor (an active member of the forum, or staff who manage forums) proposes a
// person; an admin approves or rejects. Approval binds the account with the person's address, or invites
// one — a member of the named constituent organisation, else an external member — in the same
// transaction as the decision and its audit entry.

const memberNotFound = (id: string) => notFound("forum_member_not_found", `No member or proposal ${id}`);

/** A sponsor proposes a person. Only staff name a constituent organisation to invite them to. */
export async function proposeMember(ctx: ServiceContext, forumId: string, input: ForumProposal): Promise<ForumMember> {
  const { forum, viewer, membership } = await openForum(ctx, forumId);
  assertMayPropose(viewer, membership);
  if (input.organisationId !== undefined && viewer.kind !== "staff") throw forbidden();
  return ctx.db.transaction().execute(async (tx) => {
    const organisation = input.organisationId
      ? (await getOrganisation({ ...ctx, db: tx }, input.organisationId)).name
      : input.organisation;
    const id = await upsertProposal(tx, {
      forum_id: forumId,
      email: input.email,
      user_id: null,
      name: input.name,
      organisation,
      role: input.role,
      phone: "",
      pgp_key: null,
      pgp_fingerprint: null,
      status: "proposed",
      invite_organisation_id: input.organisationId ?? null,
      sponsor_id: viewer.userId,
      reason: input.reason,
      proposed_at: ctx.clock.now(),
      decided_by: null,
      decided_at: null,
      decision_note: "",
      confirmed_at: null,
      reconfirm_asked_at: null,
      digest: false,
      digest_sent_at: null,
    });
    // No row came back: the address is a member already, or proposed.
    if (id === "") throw conflict("forum_member_exists", "This person is a member of the forum, or proposed");
    await audit(ctx, tx, "forums.member_proposed", forumId, {
      forum: forum.name,
      email: input.email,
      name: input.name,
      organisation,
      reason: input.reason,
    });
    const row = await selectMember(tx, forumId, id);
    if (!row) throw memberNotFound(id);
    return toMember(row);
  });
}

/** An admin approves a proposal: the account bound or invited, the membership active and confirmed now. */
export async function approveProposal(
  ctx: ServiceContext,
  config: Pick<Config, "publicUrl" | "timeZone" | "cert">,
  forumId: string,
  memberId: string,
  note: string,
): Promise<ForumMember> {
  assertMayDecideProposals(ctx.actor);
  const { forum, viewer } = await openForum(ctx, forumId);
  return ctx.db.transaction().execute(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const proposal = await selectMember(tx, forumId, memberId);
    if (!proposal) throw memberNotFound(memberId);
    if (proposal.status !== "proposed") throw conflict("forum_proposal_decided", "Decided already");
    const account = await accountByEmail(tx, proposal.email);
    let userId: string;
    let organisation = proposal.organisation;
    if (account) {
      userId = account.id;
      if (account.organisationId && organisation === "")
        organisation = (await getOrganisation(txCtx, account.organisationId)).name;
      const m = admittedMail(account.language, forum.name, config);
      await queueMail(tx, ctx.clock, { to: proposal.email, ...m });
    } else if (proposal.invite_organisation_id) {
      const org = await getOrganisation(txCtx, proposal.invite_organisation_id);
      userId = (await inviteMemberAccount(txCtx, config, org, { email: proposal.email, name: proposal.name })).id;
    } else {
      userId = (
        await inviteExternalMemberAccount(txCtx, config, forum.name, { email: proposal.email, name: proposal.name })
      ).id;
    }
    const now = ctx.clock.now();
    const moved = await moveMember(tx, memberId, ["proposed"], {
      status: "active",
      user_id: userId,
      organisation,
      decided_by: viewer.userId,
      decided_at: now,
      decision_note: note,
      confirmed_at: now,
      reconfirm_asked_at: null,
    });
    if (!moved) throw conflict("forum_proposal_decided", "Decided already");
    await audit(ctx, tx, "forums.member_approved", forumId, {
      forum: forum.name,
      email: proposal.email,
      name: proposal.name,
      invited: account === undefined,
      external: account
        ? account.kind === "member" && account.organisationId === null
        : !proposal.invite_organisation_id,
      note,
    });
    const row = await selectMember(tx, forumId, memberId);
    if (!row) throw memberNotFound(memberId);
    return toMember(row);
  });
}

/** An admin rejects a proposal, with a note for the sponsor and the record. */
export async function rejectProposal(ctx: ServiceContext, forumId: string, memberId: string, note: string) {
  assertMayDecideProposals(ctx.actor);
  const { forum, viewer } = await openForum(ctx, forumId);
  return ctx.db.transaction().execute(async (tx) => {
    const proposal = await selectMember(tx, forumId, memberId);
    if (!proposal) throw memberNotFound(memberId);
    const moved = await moveMember(tx, memberId, ["proposed"], {
      status: "rejected",
      decided_by: viewer.userId,
      decided_at: ctx.clock.now(),
      decision_note: note,
    });
    if (!moved) throw conflict("forum_proposal_decided", "Decided already");
    await audit(ctx, tx, "forums.member_rejected", forumId, {
      forum: forum.name,
      email: proposal.email,
      name: proposal.name,
      note,
    });
    const row = await selectMember(tx, forumId, memberId);
    if (!row) throw memberNotFound(memberId);
    return toMember(row);
  });
}

/** Staff end a membership: the person no longer sees the forum, its mail or its directory. */
export async function removeMember(ctx: ServiceContext, forumId: string, memberId: string): Promise<ForumMember> {
  assertMayManageForums(ctx.actor);
  const { forum } = await openForum(ctx, forumId);
  return ctx.db.transaction().execute(async (tx) => {
    const before = await selectMember(tx, forumId, memberId);
    if (!before) throw memberNotFound(memberId);
    const moved = await moveMember(tx, memberId, ["active", "proposed"], { status: "removed" });
    if (!moved) throw memberNotFound(memberId);
    await audit(ctx, tx, "forums.member_removed", forumId, {
      forum: forum.name,
      email: before.email,
      name: before.name,
    });
    const row = await selectMember(tx, forumId, memberId);
    if (!row) throw memberNotFound(memberId);
    return toMember(row);
  });
}
