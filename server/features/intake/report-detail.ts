import type { ReportDetail } from "../../../contract/intake-staff.js";
import { notFound } from "../../platform/errors.js";
import { timeliness } from "./ack-target.js";
import { selectAttachments, selectFirstCertMessageAt, selectMessages, selectNis2Stages } from "./conversation-store.js";
import { buildNis2View } from "./nis2-view.js";
import { assertMayReadReports } from "./policy.js";
import { presentAnswers, presentAttachment, presentMail, presentMessage } from "./present-report.js";
import {
  type ReportRow,
  selectUserNames,
  selectVisibleIncidentsOfReport,
  selectVisibleReportByReference,
} from "./report-store.js";
import type { IntakeContext } from "./types.js";

/**
 * The report with that reference as the actor may see it, or 404: a report linked to a TLP:RED
 * incident hidden from the actor answers exactly like a missing one.
 */
export async function findReportOr404(ctx: IntakeContext, reference: string): Promise<ReportRow> {
  const report = await selectVisibleReportByReference(ctx.db, ctx.actor, reference);
  if (!report) throw notFound("report_not_found", `No report ${reference}`);
  return report;
}

/** One report for staff: every answer, attachments, the conversation, NIS2 deadlines, mail evidence. */
export async function getReport(ctx: IntakeContext, reference: string): Promise<ReportDetail> {
  assertMayReadReports(ctx.actor);
  const r = await findReportOr404(ctx, reference);
  const [attachments, messages, stages, firstCertMessageAt, incidents] = await Promise.all([
    selectAttachments(ctx.db, r.id),
    selectMessages(ctx.db, r.id),
    selectNis2Stages(ctx.db, r.id),
    selectFirstCertMessageAt(ctx.db, r.id),
    selectVisibleIncidentsOfReport(ctx.db, ctx.actor, r.id),
  ]);
  const userIds = [r.registered_by, r.acknowledged_by, r.rejected_by, ...messages.map((m) => m.author_user_id)];
  const names = await selectUserNames(
    ctx.db,
    userIds.filter((id): id is string => id !== null),
  );
  const staff = (id: string | null) => (id ? { id, name: names.get(id) ?? "" } : null);
  const now = ctx.clock.now();
  const nis2 = buildNis2View(r, stages, firstCertMessageAt, now);
  return {
    reference: r.reference,
    status: r.status,
    channel: r.channel,
    language: r.language,
    receivedAt: r.received_at.toISOString(),
    registeredBy: staff(r.registered_by),
    acknowledged: r.acknowledged_at ? { at: r.acknowledged_at.toISOString(), by: staff(r.acknowledged_by) } : null,
    rejected:
      r.rejected_at && r.rejected_reason
        ? {
            at: r.rejected_at.toISOString(),
            by: staff(r.rejected_by),
            reason: r.rejected_reason,
            note: r.rejected_note,
          }
        : null,
    answers: presentAnswers(r),
    attachments: attachments.map(presentAttachment),
    messages: messages.map((m) => presentMessage(m, staff)),
    nis2: nis2
      ? {
          applies: r.nis2_applies,
          awareAt: r.nis2_aware_at?.toISOString() ?? null,
          suspectedMalicious: r.nis2_suspected_malicious,
          crossBorderImpact: r.nis2_cross_border_impact,
          trustServiceProvider: r.nis2_trust_service_provider,
          ...nis2,
        }
      : null,
    mail: presentMail(r),
    incidents,
    ...timeliness(r, ctx.config, now),
  };
}
