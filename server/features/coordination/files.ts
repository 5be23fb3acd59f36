import type { CaseDetail } from "../../../contract/coordination.js";
import { inTransaction } from "../../platform/db/connect.js";
import type { BlobStore, Download } from "../../platform/files/blobs.js";
import type { StoredAttachment } from "../intake/service.js";
import { auditCoordination } from "./audit.js";
import { type CoordinationContext, getCase, loadCaseForChange, loadStaffCase } from "./cases.js";
import { selectParticipants } from "./cases-store.js";
import type { MemberCaseContext } from "./my-cases.js";
import { loadMemberCase } from "./my-cases.js";
import { participantSeesPost, staffSeesPost } from "./policy.js";
import { insertFile, selectFile, selectPost, selectRecipients } from "./posts-store.js";
import { mailPost } from "./posts.js";
import { notFound } from "../../platform/errors.js";

// Files on posts: stored content-addressed in the blob store (streamed there by the route), served as
// downloads only to whoever sees the post (policy.ts), else 404 as for a file that does not exist.

const fileNotFound = (id: string) => notFound("coordination_file_not_found", `No file ${id} in this case`);

/** Attaches uploaded files to a post of the case; its recipients who were notified get a mail naming them. */
export async function attachFiles(
  ctx: CoordinationContext,
  reference: string,
  postId: string,
  files: readonly StoredAttachment[],
): Promise<CaseDetail> {
  await inTransaction(ctx.db, async (tx) => {
    const c = await loadCaseForChange(ctx, tx, reference);
    const post = await selectPost(tx, c.id, postId);
    if (!post || !staffSeesPost(ctx.actor, c, post)) throw notFound("coordination_post_not_found", "No such post");
    for (const f of files)
      await insertFile(tx, {
        post_id: post.id,
        filename: f.filename,
        content_type: f.contentType,
        sha256: f.sha256,
        size: f.size,
      });
    const recipients = (await selectRecipients(tx, [post.id])).get(post.id) ?? [];
    const participants = await selectParticipants(tx, c.id);
    await mailPost(
      ctx,
      tx,
      c,
      post,
      recipients,
      participants,
      [],
      files.map((f) => f.filename),
    );
    await auditCoordination(ctx, tx, "coordination.files_attached", c.reference, {
      post: post.id,
      files: files.map((f) => ({ filename: f.filename, sha256: f.sha256, size: f.size })),
    });
  });
  return getCase(ctx, reference);
}

async function open(blobs: BlobStore, f: { filename: string; size: number; sha256: string; content_type: string }) {
  return {
    filename: f.filename,
    size: Number(f.size),
    sha256: f.sha256,
    stream: await blobs.open(f.sha256),
  } satisfies Download;
}

/** A file for staff who see its post. */
export async function downloadStaffFile(ctx: CoordinationContext, blobs: BlobStore, reference: string, fileId: string) {
  const c = await loadStaffCase(ctx, reference);
  const f = await selectFile(ctx.db, c.id, fileId);
  const post = f ? await selectPost(ctx.db, c.id, f.post_id) : undefined;
  if (!f || !post || !staffSeesPost(ctx.actor, c, post)) throw fileNotFound(fileId);
  return open(blobs, f);
}

/** A file for a member whose participant sees its post. */
export async function downloadMemberFile(ctx: MemberCaseContext, blobs: BlobStore, reference: string, fileId: string) {
  const { c, me } = await loadMemberCase(ctx, reference);
  const f = await selectFile(ctx.db, c.id, fileId);
  const post = f ? await selectPost(ctx.db, c.id, f.post_id) : undefined;
  const recipients = post ? ((await selectRecipients(ctx.db, [post.id])).get(post.id) ?? []) : [];
  if (!f || !post || !participantSeesPost(me.id, post, recipients)) throw fileNotFound(fileId);
  await auditCoordination(ctx, ctx.db, "coordination.file_downloaded", c.reference, { file: f.id, participant: me.id });
  return open(blobs, f);
}
