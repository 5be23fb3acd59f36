import type { FollowUpView } from "../../../contract/intake.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError } from "../../platform/errors.js";
import { selectAttachments, selectFirstCertMessageAt, selectMessages, selectNis2Stages } from "./conversation-store.js";
import { followUpClosure } from "./follow-up-closure.js";
import { selectLinkedClosure } from "./follow-up-store.js";
import { followUpTokenFrom, hashFollowUpToken } from "./follow-up-token.js";
import { buildNis2View } from "./nis2-view.js";
import { presentAnswers } from "./present-report.js";
import { type ReportRow, selectReportByTokenHash } from "./report-store.js";

const invalidToken = () =>
  new AppError("follow_up_token_invalid", "unauthenticated", "This follow-up link is not valid");

/** The report a follow-up token (from `Authorization: Bearer …`) belongs to, or 401. */
export async function reportForFollowUp(ctx: ServiceContext, authorization: string | undefined): Promise<ReportRow> {
  const token = followUpTokenFrom(authorization);
  if (!token) throw invalidToken();
  const report = await selectReportByTokenHash(ctx.db, hashFollowUpToken(token));
  if (!report) throw invalidToken();
  return report;
}

/**
 * What the reporter sees on the follow-up page: status, the conversation, NIS2 stages and deadlines —
 * or, once every incident the report is in is closed, that it is closed and the CERT's closing message.
 * What the reporter sees on the follow-up page: status, the conversation, NIS2 stages and deadlines,
 * and what they sent. Whoever holds the token is the reporter here, whatever the report's TLP: it is
 * their own account of the incident (staff-side TLP rules decide who else reads it).
 */
export async function viewFollowUp(ctx: ServiceContext, authorization: string | undefined): Promise<FollowUpView> {
  const report = await reportForFollowUp(ctx, authorization);
  const [messages, attachments, stages, firstCertMessageAt, links] = await Promise.all([
    selectMessages(ctx.db, report.id),
    selectAttachments(ctx.db, report.id),
    selectNis2Stages(ctx.db, report.id),
    selectFirstCertMessageAt(ctx.db, report.id),
    selectLinkedClosure(ctx.db, report.id),
  ]);
  const filesOf = (messageId: string | null) =>
    attachments.filter((a) => a.message_id === messageId).map((a) => ({ filename: a.filename, size: a.size }));
  const closed = followUpClosure(links, messages);
  // Once the CERT has closed the case, the page stops asking for the next NIS2 stage.
  const nis2 = closed ? null : buildNis2View(report, stages, firstCertMessageAt, ctx.clock.now());
  return {
    reference: report.reference,
    status: report.status,
    receivedAt: report.received_at.toISOString(),
    acknowledgedAt: report.acknowledged_at?.toISOString() ?? null,
    messages: messages.map((m) => ({
      from: m.author,
      body: m.body,
      sentAt: m.sent_at.toISOString(),
      nis2Stage: m.nis2_stage,
      attachments: filesOf(m.id),
    })),
    attachments: filesOf(null),
    ...(nis2 ? { nis2 } : {}),
    closed,
    language: report.language,
    answers: presentAnswers(report),
  };
}
