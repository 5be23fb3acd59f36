import type { CaseList, MemberPostCreate, MyCaseDetail, StatusChange } from "../../../contract/coordination.js";
import type { MemberActor } from "../../platform/auth/actor.js";
import type { Config } from "../../platform/config.js";
import { type Db, inTransaction } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { invalid } from "../../platform/errors.js";
import { auditCoordination } from "./audit.js";
import {
  type CaseRow,
  type ParticipantRow,
  markFirstView,
  selectCaseByReference,
  selectHistory,
  selectMemberCases,
  selectParticipantOfOrganisation,
  selectParticipants,
  updateCaseRow,
} from "./cases-store.js";
import { recordStatus } from "./participants.js";
import { caseNotFound, participantSeesPost } from "./policy.js";
import { presentMemberPost, presentParticipant } from "./present.js";
import {
  insertPost,
  selectFiles,
  selectMaterial,
  selectParticipantPosts,
  selectPost,
  selectRecipients,
} from "./posts-store.js";

// The member area's side of coordination: a member acts for their organisation's participant in the
// cases it takes part in, and sees only what policy.ts lets that participant see.

export type MemberCaseContext = ServiceContext & { actor: MemberActor; config: Config };

/** The case and the member's own participant, or 404 when their organisation does not take part. */
export async function loadMemberCase(
  ctx: MemberCaseContext,
  reference: string,
  db: Db = ctx.db,
): Promise<{ c: CaseRow; me: ParticipantRow }> {
  const c = await selectCaseByReference(db, reference);
  const me = c ? await selectParticipantOfOrganisation(db, c.id, ctx.actor.organisationId) : undefined;
  if (!c || !me) throw caseNotFound(reference);
  return { c, me };
}

/** The cases the member's organisation takes part in, with the posts it sees counted. */
export async function listMyCases(ctx: MemberCaseContext): Promise<CaseList> {
  const rows = await selectMemberCases(ctx.db, ctx.actor.organisationId, 200);
  return {
    items: rows.map((r) => ({
      reference: r.reference,
      title: r.title,
      tlp: r.tlp,
      status: r.status,
      embargoUntil: r.embargo_until?.toISOString() ?? null,
      // Who else takes part is the coordinator's to tell (seesParticipants), not a count's.
      participants: 1,
      posts: r.posts,
      updatedAt: r.updated_at.toISOString(),
    })),
    nextCursor: null,
  };
}

/** The case as the member's participant sees it; the first view by any of its members is recorded. */
export async function getMyCase(ctx: MemberCaseContext, reference: string): Promise<MyCaseDetail> {
  const { c, me } = await loadMemberCase(ctx, reference);
  if (!me.first_viewed_at) {
    await inTransaction(ctx.db, async (tx) => {
      if (await markFirstView(tx, me.id, ctx.actor.userId, ctx.clock.now()))
        await auditCoordination(ctx, tx, "coordination.first_viewed", c.reference, { participant: me.id });
    });
  }
  const fresh = (await selectParticipantOfOrganisation(ctx.db, c.id, ctx.actor.organisationId)) ?? me;
  const [posts, participants, history] = await Promise.all([
    selectParticipantPosts(ctx.db, c.id, me.id),
    selectParticipants(ctx.db, c.id),
    selectHistory(ctx.db, [me.id]),
  ]);
  const ids = posts.map((p) => p.id);
  const [files, material, recipients] = await Promise.all([
    selectFiles(ctx.db, ids),
    selectMaterial(ctx.db, ids),
    selectRecipients(ctx.db, ids),
  ]);
  // Other participants' names appear only on their own posts, and only where the coordinator lets it.
  const shown = fresh.sees_participants ? participants : [fresh];
  const parts = { files, material, participants: shown };
  return {
    reference: c.reference,
    title: c.title,
    summary: c.summary,
    tlp: c.tlp,
    status: c.status,
    embargoUntil: c.embargo_until?.toISOString() ?? null,
    me: presentParticipant(fresh, history),
    others: fresh.sees_participants
      ? participants
          .filter((p) => p.id !== fresh.id)
          .map((p) => ({ organisation: { id: p.organisation_id, name: p.organisation_name }, role: p.role }))
      : [],
    posts: posts.map((p) => presentMemberPost(p, recipients.get(p.id) ?? [], fresh, c, parts)),
  };
}

/** The member sets their organisation's status in the case, with a statement. */
export async function setMyStatus(ctx: MemberCaseContext, reference: string, change: StatusChange) {
  await inTransaction(ctx.db, async (tx) => {
    const { c, me } = await loadMemberCase(ctx, reference, tx);
    await recordStatus(ctx, tx, c, me, change, "member");
  });
  return getMyCase(ctx, reference);
}

/**
 * A participant's post (from the member area, or a mailed reply): to the coordinator alone, in the
 * thread given (one the participant sees), at the thread's TLP or the case's.
 */
export async function writeParticipantPost(
  ctx: ServiceContext,
  tx: Db,
  c: CaseRow,
  me: ParticipantRow,
  input: {
    body: string;
    threadId: string | null;
    authorUserId: string | null;
    authorEmail: string | null;
    mailMessageId: string | null;
  },
): Promise<string> {
  let tlp = c.tlp;
  let threadId: string | null = null;
  if (input.threadId) {
    const parent = await selectPost(tx, c.id, input.threadId);
    const recipients = parent ? ((await selectRecipients(tx, [parent.id])).get(parent.id) ?? []) : [];
    if (!parent || !participantSeesPost(me.id, parent, recipients))
      throw invalid("validation_failed", "Some fields are invalid", [
        { path: "body.threadId", message: "no such post in this case", code: "unknown_value" },
      ]);
    threadId = parent.thread_id ?? parent.id;
    tlp = parent.tlp;
  }
  const now = ctx.clock.now();
  const id = await insertPost(tx, {
    case_id: c.id,
    thread_id: threadId,
    author_user_id: input.authorUserId,
    author_participant_id: me.id,
    author_email: input.authorEmail,
    body: input.body,
    tlp,
    to_all: false,
    pinned: false,
    mail_message_id: input.mailMessageId,
    created_at: now,
  });
  await updateCaseRow(tx, c.id, { updated_at: now });
  await auditCoordination(ctx, tx, "coordination.participant_posted", c.reference, {
    post: id,
    participant: me.id,
    via: input.mailMessageId ? "mail" : "member",
  });
  return id;
}

/** The member answers the coordinator (in a thread they see, or a new one). */
export async function postAsMember(ctx: MemberCaseContext, reference: string, input: MemberPostCreate) {
  await inTransaction(ctx.db, async (tx) => {
    const { c, me } = await loadMemberCase(ctx, reference, tx);
    await writeParticipantPost(ctx, tx, c, me, {
      body: input.body,
      threadId: input.threadId ?? null,
      authorUserId: ctx.actor.userId,
      authorEmail: null,
      mailMessageId: null,
    });
  });
  return getMyCase(ctx, reference);
}
