import type { Readable } from "node:stream";
import { appendAudit } from "../../platform/audit.js";
import type { BlobStore, Download } from "../../platform/files/blobs.js";
import { notFound } from "../../platform/errors.js";
import { selectAttachment, selectMessageRaw } from "./conversation-store.js";
import { assertMayReadReports } from "./policy.js";
import { findReportOr404 } from "./report-detail.js";
import type { IntakeContext } from "./types.js";

// Attachments may be malware samples: who fetched which file is evidence, so downloads are audited.
async function openAudited(
  ctx: IntakeContext,
  blobs: BlobStore,
  reference: string,
  what: { sha256: string } & Record<string, unknown>,
): Promise<Readable> {
  const stream = await blobs.open(what.sha256);
  try {
    await appendAudit(ctx.db, ctx.clock, {
      actor: ctx.actor,
      action: "report.file_downloaded",
      target: { type: "report", id: reference },
      diff: what,
      ip: ctx.ip ?? null,
    });
  } catch (err) {
    stream.destroy();
    throw err;
  }
  return stream;
}

/** An attachment of a report, for download. */
export async function downloadAttachment(
  ctx: IntakeContext,
  blobs: BlobStore,
  reference: string,
  attachmentId: string,
): Promise<Download> {
  assertMayReadReports(ctx.actor);
  const report = await findReportOr404(ctx, reference);
  const attachment = await selectAttachment(ctx.db, report.id, attachmentId);
  if (!attachment) throw notFound("attachment_not_found", "No such attachment on this report");
  const stream = await openAudited(ctx, blobs, reference, { attachmentId, sha256: attachment.sha256 });
  return { filename: attachment.filename, size: attachment.size, sha256: attachment.sha256, stream };
}

/** The original message of a mailed report (.eml), for download. */
export async function downloadOriginalMessage(
  ctx: IntakeContext,
  blobs: BlobStore,
  reference: string,
): Promise<Download> {
  assertMayReadReports(ctx.actor);
  const report = await findReportOr404(ctx, reference);
  if (!report.raw_sha256) throw notFound("original_not_found", "This report did not come by mail");
  const stream = await openAudited(ctx, blobs, reference, { original: true, sha256: report.raw_sha256 });
  return {
    filename: `${reference}.eml`,
    size: report.raw_size ?? 0,
    sha256: report.raw_sha256,
    stream,
  };
}

/** The raw message of a mailed reply in the report's conversation (.eml), for download. */
export async function downloadReplyOriginal(
  ctx: IntakeContext,
  blobs: BlobStore,
  reference: string,
  messageId: string,
): Promise<Download> {
  assertMayReadReports(ctx.actor);
  const report = await findReportOr404(ctx, reference);
  const message = await selectMessageRaw(ctx.db, report.id, messageId);
  if (!message?.raw_sha256) throw notFound("original_not_found", "No mailed message with this id on this report");
  const stream = await openAudited(ctx, blobs, reference, { original: true, messageId, sha256: message.raw_sha256 });
  return { filename: `${reference}-${messageId}.eml`, size: message.raw_size ?? 0, sha256: message.raw_sha256, stream };
}
