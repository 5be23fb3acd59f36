import type { AcknowledgeInput, RejectInput } from "../../../contract/intake-staff.js";
import { appendAudit } from "../../platform/audit.js";
import { conflict, notFound } from "../../platform/errors.js";
import { assertMayAcknowledgeReports, assertMayHandleReports } from "./policy.js";
import { selectVisibleReportByReference, updateReport } from "./report-store.js";
import { queueAcknowledgedMail } from "./reporter-mail.js";
import type { IntakeContext } from "./types.js";

/**
 * A duty officer takes a new report: records who and when, optionally tells the reporter.
 * Only a new report can be acknowledged (409 otherwise), so two officers cannot both take it.
 */
export async function acknowledgeReport(
  ctx: IntakeContext,
  reference: string,
  input: AcknowledgeInput,
): Promise<{ mailed: boolean }> {
  assertMayAcknowledgeReports(ctx.actor);
  const actor = ctx.actor;
  return ctx.db.transaction().execute(async (tx) => {
    const report = await selectVisibleReportByReference(tx, actor, reference, { forUpdate: true });
    if (!report) throw notFound("report_not_found", `No report ${reference}`);
    if (report.status !== "new") throw conflict("report_not_new", `${reference} is already ${report.status}`);
    const now = ctx.clock.now();
    await updateReport(tx, report.id, {
      status: "acknowledged",
      acknowledged_at: now,
      acknowledged_by: actor.kind === "user" ? actor.userId : null,
    });
    const mailed = input.notifyReporter
      ? await queueAcknowledgedMail(tx, ctx.clock, {
          to: report.reporter_email,
          language: report.language,
          reference,
          timeZone: ctx.config.timeZone,
          cert: ctx.config.cert,
          inReplyTo: report.mail_message_id,
        })
      : false;
    await appendAudit(tx, ctx.clock, {
      actor,
      action: "report.acknowledged",
      target: { type: "report", id: reference },
      diff: { status: { from: "new", to: "acknowledged" }, mailed },
      ip: ctx.ip ?? null,
    });
    return { mailed };
  });
}

/** Rejects a report as spam, a duplicate or otherwise, with the reason kept; linked or rejected ones cannot be. */
export async function rejectReport(ctx: IntakeContext, reference: string, input: RejectInput): Promise<void> {
  assertMayHandleReports(ctx.actor);
  const actor = ctx.actor;
  await ctx.db.transaction().execute(async (tx) => {
    const report = await selectVisibleReportByReference(tx, actor, reference, { forUpdate: true });
    if (!report) throw notFound("report_not_found", `No report ${reference}`);
    if (report.status === "rejected" || report.status === "linked")
      throw conflict("report_not_rejectable", `${reference} is already ${report.status}`);
    await updateReport(tx, report.id, {
      status: "rejected",
      rejected_at: ctx.clock.now(),
      rejected_by: actor.kind === "user" ? actor.userId : null,
      rejected_reason: input.reason,
      rejected_note: input.note?.trim() ? input.note : null,
    });
    await appendAudit(tx, ctx.clock, {
      actor,
      action: "report.rejected",
      target: { type: "report", id: reference },
      diff: { status: { from: report.status, to: "rejected" }, reason: input.reason, note: input.note ?? null },
      ip: ctx.ip ?? null,
    });
  });
}
