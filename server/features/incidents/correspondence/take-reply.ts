import { appendAudit } from "../../../platform/audit.js";
import { systemActor } from "../../../platform/auth/actor.js";
import { inTransaction } from "../../../platform/db/connect.js";
import { AppError } from "../../../platform/errors.js";
import { addReporterMessage } from "../../intake/add-reporter-message.js";
import type { IncidentReplyHook, IncidentReplyMail, IncidentReplyOutcome } from "../../intake/mail/ingest.js";
import { insertIncidentEvent } from "../events-store.js";
import { resumeStalledIncident } from "../resume-on-reply.js";
import { findReportByOutboxIds, reportReferenceByMailId, selectLinkedReportsForMail } from "./reporter-store.js";
import {
  findMessageByMailId,
  findThreadByOutboxIds,
  findThreadBySender,
  insertIncidentMessage,
  insertMessageFiles,
  insertThread,
  selectIncidentIdByReference,
} from "./store.js";

const actor = systemActor("mail-incident");
const OUR_ID = /^<([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@[^<>\s]+>$/i;

/** The outbox ids of our own mails this reply answers (our Message-IDs are <outbox-id@domain>). */
function answeredOutboxIds(reply: IncidentReplyMail): string[] {
  const ids = [reply.inReplyTo, ...reply.references].flatMap((id) => {
    const match = id ? OUR_ID.exec(id.trim()) : null;
    return match?.[1] ? [match[1].toLowerCase()] : [];
  });
  return [...new Set(ids)];
}

const isTaken = (err: unknown) =>
  (err instanceof AppError && err.code === "report_message_taken") ||
  (typeof err === "object" && err !== null && "code" in err && err.code === "23505");

/**
 * Mail intake's hook for a reply carrying an incident reference. It lands in the thread it answers (our
 * Message-ID in In-Reply-To/References), else by sender: a linked report's reporter → that report's
 * conversation (their follow-up page); a third party's address → their thread; anyone else → a new
 * thread. Null when the incident does not exist, so intake files the mail as usual.
 */
export const takeIncidentReply: IncidentReplyHook = async (deps, reply) => {
  const incidentId = await selectIncidentIdByReference(deps.db, reply.incidentReference);
  if (!incidentId) return null;
  const taken = await findMessageByMailId(deps.db, reply.messageId);
  if (taken) return { threadId: taken.thread_id, threadKind: "third-party", duplicate: true };
  try {
    return await inTransaction(deps.db, async (tx) => {
      const linked = await selectLinkedReportsForMail(tx, incidentId);
      const answered = answeredOutboxIds(reply);
      const answeredReport = await findReportByOutboxIds(tx, incidentId, answered);
      const answeredThread = answeredReport ? null : await findThreadByOutboxIds(tx, incidentId, answered);
      const reporterReport =
        linked.find((r) => r.id === answeredReport) ??
        (answeredThread
          ? undefined
          : linked.find((r) => reply.from !== null && r.reporter_email?.toLowerCase() === reply.from));
      const now = deps.clock.now();
      let outcome: IncidentReplyOutcome;
      let messageId: string;
      if (reporterReport) {
        const ctx = { db: tx, clock: deps.clock, config: deps.config, actor };
        const added = await addReporterMessage(ctx, reporterReport.id, {
          body: reply.body,
          attachments: reply.attachments,
          via: "email",
          messageId: reply.messageId,
        });
        messageId = added.messageId;
        outcome = { threadId: reporterReport.reference, threadKind: "reporter", duplicate: false };
      } else {
        const threadId =
          answeredThread ??
          (reply.from ? (await findThreadBySender(tx, incidentId, reply.from))?.id : undefined) ??
          (
            await insertThread(tx, {
              incidentId,
              counterpart: (reply.fromName
                ? `${reply.fromName} <${reply.from ?? "?"}>`
                : (reply.from ?? "unknown sender")
              ).slice(0, 200),
              addresses: reply.from ? [reply.from] : [],
              createdAt: now,
              createdBy: null,
            })
          ).id;
        messageId = await insertIncidentMessage(tx, {
          incidentId,
          threadId,
          direction: "in",
          from: reply.from,
          to: [],
          subject: reply.subject,
          body: reply.body,
          outboxId: null,
          mailMessageId: reply.messageId,
          encrypted: reply.pgp.encrypted,
          signed: reply.pgp.signature === "valid",
          authorId: null,
          sentAt: now,
        });
        await insertMessageFiles(tx, messageId, [
          { kind: "original", filename: "original.eml", contentType: "message/rfc822", ...reply.raw },
          ...reply.attachments.map((a) => ({ kind: "attachment" as const, ...a })),
        ]);
        outcome = { threadId, threadKind: "third-party", duplicate: false };
      }
      await insertIncidentEvent(tx, {
        incidentId,
        kind: "message_in",
        occurredAt: now,
        recordedAt: now,
        authorId: null,
        body: reply.subject,
        data: {
          messageId,
          threadId: outcome.threadId,
          threadKind: outcome.threadKind,
          ...(reporterReport ? { report: reporterReport.reference, reportMessageId: messageId } : {}),
          from: reply.from,
          encrypted: reply.pgp.encrypted,
          signature: reply.pgp.signature,
          attachments: reply.attachments.length,
        },
      });
      const resumed = await resumeStalledIncident(tx, deps.clock, incidentId);
      await appendAudit(tx, deps.clock, {
        actor,
        action: "incident.message_received",
        target: { type: "incident", id: reply.incidentReference },
        diff: {
          messageId,
          threadId: outcome.threadId,
          threadKind: outcome.threadKind,
          from: reply.from,
          ...(resumed ? { status: { from: "stalled", to: "open" } } : {}),
        },
        ip: null,
      });
      return outcome;
    });
  } catch (err) {
    // Another process took the same Message-ID a moment ago.
    if (!isTaken(err)) throw err;
    const again = await findMessageByMailId(deps.db, reply.messageId);
    if (again) return { threadId: again.thread_id, threadKind: "third-party", duplicate: true };
    const report = await reportReferenceByMailId(deps.db, reply.messageId);
    return { threadId: report ?? reply.incidentReference, threadKind: "reporter", duplicate: true };
  }
};
