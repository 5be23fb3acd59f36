import type { Nis2StageInput } from "../../../contract/intake.js";
import { appendAudit } from "../../platform/audit.js";
import { AppError, notFound } from "../../platform/errors.js";
import { insertAttachments, insertMessage, insertNis2Stage } from "./conversation-store.js";
import { selectReportById } from "./report-store.js";
import { inTransaction } from "../../platform/db/connect.js";
import { toDate } from "./submit-report.js";
import type { IntakeContext, StoredAttachment } from "./types.js";
import type { MailAuthVerdict, MailVerifiedBy } from "../../platform/db/tables/intake.js";

export interface ReporterMessageInput {
  body: string;
  attachments: readonly StoredAttachment[];
  via: "web" | "email";
  /** A mailed message's Message-ID (dedupe). */
  messageId?: string | null;
  /** A mailed reply's evidence: its real sender, raw message, headers and how it was tied to the report. */
  mail?: ReplyMailEvidence;
  /** A later NIS2 report sent with this message. */
  nis2?: Nis2StageInput | null;
}

export interface ReplyMailEvidence {
  from: string | null;
  headers: Record<string, string>;
  rawSha256: string;
  rawSize: number;
  contentSha256: string;
  auth: MailAuthVerdict | null;
  verifiedBy: MailVerifiedBy;
}

const isMessageIdTaken = (err: unknown) =>
  typeof err === "object" &&
  err !== null &&
  "code" in err &&
  err.code === "23505" &&
  String(err).includes("mail_message_id");

function mailColumns(mail: ReplyMailEvidence) {
  return {
    from_address: mail.from,
    mail_headers: JSON.stringify(mail.headers),
    raw_sha256: mail.rawSha256,
    raw_size: mail.rawSize,
    mail_content_sha256: mail.contentSha256,
    mail_auth: mail.auth ? JSON.stringify(mail.auth) : null,
    mail_verified_by: mail.verifiedBy,
  };
}

/**
 * Threads a reporter's message (and files, and a NIS2 stage) onto their report, in one
 * transaction with its audit entry. The report keeps its status: the inbox shows the new message, and
 * the incidents it is linked to take the answer (`reporterAnswered`).
 */
export async function addReporterMessage(
  ctx: IntakeContext,
  reportId: string,
  input: ReporterMessageInput,
): Promise<{ messageId: string; sentAt: Date }> {
  const sentAt = ctx.clock.now();
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const report = await selectReportById(tx, reportId);
      if (!report) throw notFound("report_not_found", "No such report");
      const messageId = await insertMessage(tx, {
        report_id: reportId,
        author: "reporter",
        author_user_id: null,
        body: input.body,
        via: input.via,
        mail_message_id: input.messageId ?? null,
        nis2_stage: input.nis2?.stage ?? null,
        sent_at: sentAt,
        ...(input.mail ? mailColumns(input.mail) : {}),
      });
      await insertAttachments(
        tx,
        input.attachments.map((a, position) => ({
          report_id: reportId,
          message_id: messageId,
          filename: a.filename,
          content_type: a.contentType,
          sha256: a.sha256,
          size: a.size,
          position,
          created_at: sentAt,
        })),
      );
      if (input.nis2) {
        await insertNis2Stage(tx, {
          report_id: reportId,
          message_id: messageId,
          stage: input.nis2.stage,
          submitted_at: sentAt,
          aware_at: toDate(input.nis2.awareAt),
          suspected_malicious: input.nis2.suspectedMalicious,
          cross_border_impact: input.nis2.crossBorderImpact,
          ongoing: input.nis2.ongoing,
        });
      }
      await ctx.reporterAnswered?.(tx, ctx.clock, reportId);
      await appendAudit(tx, ctx.clock, {
        actor: ctx.actor,
        action: "report.message_received",
        target: { type: "report", id: report.reference },
        diff: {
          via: input.via,
          attachments: input.attachments.length,
          nis2Stage: input.nis2?.stage ?? null,
          ...(input.mail ? { from: input.mail.from, verifiedBy: input.mail.verifiedBy } : {}),
        },
        ip: ctx.ip ?? null,
      });
      return { messageId, sentAt };
    });
  } catch (err) {
    if (isMessageIdTaken(err))
      throw new AppError("report_message_taken", "conflict", "This message has already been taken in");
    throw err;
  }
}
