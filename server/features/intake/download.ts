import type { BlobStore, Download } from "../../platform/files/blobs.js";
import { notFound } from "../../platform/errors.js";
import { openRawDownload } from "../evidence/raw-download.js";
import { selectAttachment, selectMessageRaw } from "./conversation-store.js";
import { assertMayReadReports } from "./policy.js";
import { findReportOr404 } from "./report-detail.js";
import type { IntakeContext } from "./types.js";

// Attachments may be malware samples: every download goes through evidence's one raw-download path,
// which refuses a file marked as a sample (it leaves only as an encrypted ZIP) and writes the custody
// link with the audit entry these downloads always had.

const audited = (diff: Record<string, unknown>) => ({ action: "report.file_downloaded", diff });

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
  const audit = audited({ attachmentId, sha256: attachment.sha256 });
  return openRawDownload(ctx, blobs, attachment.id, "report-attachment", audit);
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
  const audit = audited({ original: true, sha256: report.raw_sha256 });
  const file = await openRawDownload(ctx, blobs, report.id, "report-original", audit);
  return { ...file, filename: `${reference}.eml` };
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
  const audit = audited({ original: true, messageId, sha256: message.raw_sha256 });
  const file = await openRawDownload(ctx, blobs, messageId, "report-message-original", audit);
  return { ...file, filename: `${reference}-${messageId}.eml` };
}
