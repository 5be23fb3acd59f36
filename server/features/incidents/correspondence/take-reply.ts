import { appendAudit } from "../../../platform/audit.js";
import { systemActor } from "../../../platform/auth/actor.js";
import { inTransaction } from "../../../platform/db/connect.js";
import { AppError } from "../../../platform/errors.js";
import { addReporterMessage } from "../../intake/add-reporter-message.js";
import type { IncidentReplyHook, IncidentReplyMail, IncidentReplyOutcome } from "../../intake/mail/ingest.js";
import { insertIncidentEvent } from "../events-store.js";
import { takeAnswerOnIncident } from "../resume-on-reply.js";
import type { Db } from "../../../platform/db/connect.js";
import type { MailVerifiedBy } from "../../../platform/db/tables/intake.js";
import {
  type LinkedReportRow,
  findReportByOutboxIds,
  reportReferenceByMailId,
  selectLinkedReportsForMail,
} from "./reporter-store.js";
import {
  findMessageByMailId,
  findThreadByOutboxIds,
  findThreadBySender,
  insertIncidentMessage,
  insertMessageFiles,
  selectIncidentIdByReference,
} from "./store.js";

const actor = systemActor("mail-incident");
const isTaken = (err: unknown) =>
  (err instanceof AppError && err.code === "report_message_taken") ||
  (typeof err === "object" && err !== null && "code" in err && err.code === "23505");

type Placement =
  | { kind: "reporter"; report: LinkedReportRow; verifiedBy: MailVerifiedBy }
  | { kind: "thread"; threadId: string; verifiedBy: MailVerifiedBy };

/** Where a reply belongs, and what tied it there; null when nothing did. */
async function placeReply(tx: Db, incidentId: string, reply: IncidentReplyMail): Promise<Placement | null> {
  const linked = await selectLinkedReportsForMail(tx, incidentId);
  const answered = [...reply.answeredOutboxIds];
  const answeredReport = await findReportByOutboxIds(tx, incidentId, answered);
  const report = linked.find((r) => r.id === answeredReport);
  if (report) return { kind: "reporter", report, verifiedBy: "token" };
  const answeredThread = await findThreadByOutboxIds(tx, incidentId, answered);
  if (answeredThread) return { kind: "thread", threadId: answeredThread, verifiedBy: "token" };
  if (!reply.senderMayMatch || reply.from === null) return null;
  const reporter = linked.find((r) => r.reporter_email?.trim().toLowerCase() === reply.from);
  if (reporter) return { kind: "reporter", report: reporter, verifiedBy: "sender" };
  const thread = await findThreadBySender(tx, incidentId, reply.from);
  return thread ? { kind: "thread", threadId: thread.id, verifiedBy: "sender" } : null;
}

/**
 * Mail intake's hook for a reply naming an incident. It lands in the thread it answers (our Message-ID,
 * the reply token, in In-Reply-To/References), else by sender: a linked report's reporter → that
 * report's conversation (their follow-up page); a third party's address → their thread. Anyone else
 * proves no tie to the incident (its reference is sequential and guessable): null, so intake files the
 * mail as a new, unverified report in the duty inbox — no thread is opened, no stalled incident resumed.
 */
export const takeIncidentReply: IncidentReplyHook = async (deps, reply) => {
  const incidentId = await selectIncidentIdByReference(deps.db, reply.incidentReference);
  if (!incidentId) return null;
  const taken = await findMessageByMailId(deps.db, reply.messageId);
  if (taken) return { threadId: taken.thread_id, threadKind: "third-party", duplicate: true };
  try {
    return await inTransaction(deps.db, async (tx) => {
      const place = await placeReply(tx, incidentId, reply);
      if (!place) return null;
      const reporterReport = place.kind === "reporter" ? place.report : null;
      const now = deps.clock.now();
      let outcome: IncidentReplyOutcome;
      let messageId: string;
      if (place.kind === "reporter") {
        const ctx = { db: tx, clock: deps.clock, config: deps.config, actor };
        const added = await addReporterMessage(ctx, place.report.id, {
          body: reply.body,
          attachments: reply.attachments,
          via: "email",
          messageId: reply.messageId,
          mail: {
            from: reply.from,
            headers: reply.headers,
            rawSha256: reply.raw.sha256,
            rawSize: reply.raw.size,
            contentSha256: reply.contentSha256,
            auth: reply.auth,
            verifiedBy: place.verifiedBy,
          },
        });
        messageId = added.messageId;
        outcome = { threadId: place.report.reference, threadKind: "reporter", duplicate: false };
      } else {
        const threadId = place.threadId;
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
          mail: {
            headers: reply.headers,
            contentSha256: reply.contentSha256,
            auth: reply.auth,
            verifiedBy: place.verifiedBy,
          },
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
          verifiedBy: place.verifiedBy,
          encrypted: reply.pgp.encrypted,
          signature: reply.pgp.signature,
          attachments: reply.attachments.length,
        },
      });
      const resumed = await takeAnswerOnIncident(tx, deps.clock, incidentId);
      await appendAudit(tx, deps.clock, {
        actor,
        action: "incident.message_received",
        target: { type: "incident", id: reply.incidentReference },
        diff: {
          messageId,
          threadId: outcome.threadId,
          threadKind: outcome.threadKind,
          from: reply.from,
          verifiedBy: place.verifiedBy,
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
