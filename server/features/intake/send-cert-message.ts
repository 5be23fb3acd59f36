import type { CertMessageInput } from "../../../contract/intake-staff.js";
import { appendAudit } from "../../platform/audit.js";
import { notFound } from "../../platform/errors.js";
import { insertMessage } from "./conversation-store.js";
import { assertMayHandleReports } from "./policy.js";
import { selectVisibleReportByReference } from "./report-store.js";
import { queueCertMessageMail } from "./reporter-mail.js";
import type { IntakeContext } from "./types.js";

/** A CERT officer writes to the reporter: shown on the follow-up page and mailed when an address is known. */
export async function sendCertMessage(
  ctx: IntakeContext,
  reference: string,
  input: CertMessageInput,
): Promise<{ id: string; sentAt: string; mailed: boolean }> {
  assertMayHandleReports(ctx.actor);
  const actor = ctx.actor;
  return ctx.db.transaction().execute(async (tx) => {
    const report = await selectVisibleReportByReference(tx, actor, reference, { forUpdate: true });
    if (!report) throw notFound("report_not_found", `No report ${reference}`);
    const sentAt = ctx.clock.now();
    const id = await insertMessage(tx, {
      report_id: report.id,
      author: "cert",
      author_user_id: actor.kind === "user" ? actor.userId : null,
      body: input.body,
      via: "console",
      mail_message_id: null,
      nis2_stage: null,
      sent_at: sentAt,
    });
    const mailed = await queueCertMessageMail(tx, ctx.clock, {
      to: report.reporter_email,
      language: report.language,
      reference,
      timeZone: ctx.config.timeZone,
      cert: ctx.config.cert,
      inReplyTo: report.mail_message_id,
      body: input.body,
    });
    await appendAudit(tx, ctx.clock, {
      actor,
      action: "report.message_sent",
      target: { type: "report", id: reference },
      diff: { messageId: id, mailed },
      ip: ctx.ip ?? null,
    });
    return { id, sentAt: sentAt.toISOString(), mailed };
  });
}
