import type { CaseDetail, PostCreate } from "../../../contract/coordination.js";
import type { TlpLabel } from "../../../contract/intake.js";
import type { UserActor } from "../../platform/auth/actor.js";
import { type Db, inTransaction } from "../../platform/db/connect.js";
import type { FieldError } from "../../platform/errors.js";
import { invalid } from "../../platform/errors.js";
import { tlpRank } from "../../platform/tlp.js";
import { auditCoordination } from "./audit.js";
import { type CoordinationContext, getCase, loadCaseForChange } from "./cases.js";
import { type CaseRow, type ParticipantRow, selectParticipants, updateCaseRow } from "./cases-store.js";
import { queueCaseMail } from "./mail.js";
import { gatherMaterial, verdict } from "./material.js";
import { contactLanguages } from "./participants.js";
import { mailRecipientsOf, postNotFound, staffSeesPost } from "./policy.js";
import {
  type MaterialRow,
  insertMaterial,
  insertPost,
  insertRecipients,
  selectMaterial,
  selectPost,
  setPostPinned,
} from "./posts-store.js";

/** Field errors of a post's TLP and recipients against its case: never weaker than the case; RED named. */
export function postTlpErrors(caseTlp: TlpLabel, tlp: TlpLabel, to: PostCreate["to"]): FieldError[] {
  const errors: FieldError[] = [];
  if (tlpRank(tlp) < tlpRank(caseTlp))
    errors.push({ path: "body.tlp", message: `weaker than the case's ${caseTlp}`, code: "tlp_below_case" });
  if (tlp === "TLP:RED" && to === "all")
    errors.push({ path: "body.to", message: "a TLP:RED post names its recipients", code: "red_needs_recipients" });
  return errors;
}

/**
 * Mails a post to the participants who see it (policy.mailRecipientsOf), at the addresses each was
 * notified at, with only the report material the sharing decision lets reach each.
 */
export async function mailPost(
  ctx: CoordinationContext,
  tx: Db,
  c: CaseRow,
  post: {
    id: string;
    thread_id: string | null;
    body: string;
    tlp: TlpLabel;
    to_all: boolean;
    author_participant_id: string | null;
    author_user_id: string | null;
  },
  recipients: readonly string[],
  participants: readonly ParticipantRow[],
  material: readonly MaterialRow[],
  files: readonly string[],
): Promise<void> {
  const to = mailRecipientsOf(post, recipients, participants);
  for (const p of participants.filter((x) => to.includes(x.id))) {
    if (p.notified_addresses.length === 0) continue;
    const languages = await contactLanguages({ ...ctx, db: tx }, p.organisation_id);
    const lines = material
      .filter((m) => verdict(m, p, c, { tlp: post.tlp, named: recipients }).allowed)
      .map((m) => {
        const content = m.content as { text?: string | null; values?: { value: string }[] };
        return `- ${m.report_reference} (${m.kind}): ${content.text ?? (content.values ?? []).map((v) => v.value).join(", ")}`;
      });
    for (const email of p.notified_addresses)
      await queueCaseMail({ db: tx, clock: ctx.clock, config: ctx.config }, c, {
        kind: "post",
        to: { email, language: languages.get(email) ?? "sv" },
        participantId: p.id,
        organisationName: p.organisation_name,
        threadId: post.thread_id ?? post.id,
        body: post.body,
        tlp: post.tlp,
        material: lines,
        files: [...files],
      });
  }
}

/** The coordinator posts to all participants or chosen ones, with report material as consent allows. */
export async function createPost(
  ctx: CoordinationContext & { actor: UserActor },
  reference: string,
  input: PostCreate,
): Promise<CaseDetail> {
  // Report material is read as the coordinator sees the reports, before the transaction.
  const material = await gatherMaterial(ctx, input.material);
  await inTransaction(ctx.db, async (tx) => {
    const c = await loadCaseForChange(ctx, tx, reference);
    const tlp = input.tlp ?? c.tlp;
    const participants = await selectParticipants(tx, c.id);
    const errors = postTlpErrors(c.tlp, tlp, input.to);
    const recipients = input.to === "all" ? [] : [...new Set(input.to)];
    recipients.forEach((id, i) => {
      if (!participants.some((p) => p.id === id))
        errors.push({ path: `body.to.${i}`, message: "not a participant of this case", code: "unknown_value" });
    });
    let threadId: string | null = null;
    if (input.threadId) {
      const parent = await selectPost(tx, c.id, input.threadId);
      if (!parent || !staffSeesPost(ctx.actor, c, parent))
        errors.push({ path: "body.threadId", message: "no such post in this case", code: "unknown_value" });
      else threadId = parent.thread_id ?? parent.id;
    }
    if (errors.length > 0) throw invalid("validation_failed", "Some fields are invalid", errors);
    const now = ctx.clock.now();
    const row = {
      case_id: c.id,
      thread_id: threadId,
      author_user_id: ctx.actor.userId,
      author_participant_id: null,
      author_email: null,
      body: input.body,
      tlp,
      to_all: input.to === "all",
      pinned: input.pinned,
      mail_message_id: null,
      created_at: now,
    };
    const id = await insertPost(tx, row);
    await insertRecipients(tx, id, recipients);
    await insertMaterial(
      tx,
      material.map((m) => ({ ...m, post_id: id })),
    );
    await updateCaseRow(tx, c.id, { updated_at: now });
    const stored = await selectMaterial(tx, [id]);
    await mailPost(ctx, tx, c, { ...row, id }, recipients, participants, stored, []);
    await auditCoordination(ctx, tx, "coordination.post_created", c.reference, {
      post: id,
      tlp,
      to: input.to === "all" ? "all" : recipients.length,
      material: material.map((m) => `${m.report_reference}:${m.kind}`),
    });
  });
  return getCase(ctx, reference);
}

/** Pins a post to the top of the case, or unpins it. */
export async function pinPost(ctx: CoordinationContext, reference: string, postId: string, pinned: boolean) {
  await inTransaction(ctx.db, async (tx) => {
    const c = await loadCaseForChange(ctx, tx, reference);
    const post = await selectPost(tx, c.id, postId);
    if (!post || !staffSeesPost(ctx.actor, c, post)) throw postNotFound(postId);
    await setPostPinned(tx, post.id, pinned);
    await auditCoordination(ctx, tx, pinned ? "coordination.post_pinned" : "coordination.post_unpinned", c.reference, {
      post: post.id,
    });
  });
  return getCase(ctx, reference);
}
