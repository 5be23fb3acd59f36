import type { MessageInput, MessageReceipt } from "../../../../contract/correspondence.js";
import { appendAudit } from "../../../platform/audit.js";
import { inTransaction } from "../../../platform/db/connect.js";
import { AppError } from "../../../platform/errors.js";
import { recordCertMessage } from "../../intake/record-cert-message.js";
import { recipientKeys } from "../../pgp-keys/recipient-keys.js";
import { loadIncidentForChange } from "../access.js";
import { insertIncidentEvent } from "../events-store.js";
import { selectLinkedConsents } from "../linked-reports-store.js";
import { queueIncidentMail } from "./outgoing-mail.js";
import { insertReporterMessageLink, lastReporterMailId, selectLinkedReports } from "./reporter-store.js";
import { consentWarning, routeRecipients } from "./route-recipients.js";
import { sealText } from "./seal.js";
import {
  findThreadByAddresses,
  insertIncidentMessage,
  insertThread,
  lastInboundMailId,
  markFirstResponse,
} from "./store.js";
import { type CorrespondenceContext, mailFromAddress, subjectWithReference } from "./types.js";

/**
 * Writes from an incident: to the reporter of a linked report (their conversation, so it shows on the
 * follow-up page) or to a third party (a thread of its own). The mail carries the incident reference in
 * its subject, is encrypted when every recipient's key is known and signed when the CERT key is
 * configured. Records the timeline event, the first-response KPI and the audit entry with it.
 */
export async function sendIncidentMessage(
  ctx: CorrespondenceContext,
  reference: string,
  input: MessageInput,
): Promise<MessageReceipt> {
  const { actor, clock } = ctx;
  const authorId = actor.kind === "user" ? actor.userId : null;
  const certKey = await ctx.certKey();
  return inTransaction(ctx.db, async (tx) => {
    const incident = await loadIncidentForChange(tx, actor, reference);
    // Only the reports the actor may see: routing, errors and the consent warning then cannot reach or
    // name a report that another, TLP:RED, incident hides from them (its reporter is a third party here).
    const linked = await selectLinkedReports(tx, incident.id, actor);
    const destination = routeRecipients(linked, input);
    const now = clock.now();
    const recipients = [...destination.to, ...destination.cc];
    const keys = await recipientKeys(tx, recipients, now);
    const missing = recipients.filter((a) => !keys.has(a));
    if (input.requireEncryption && (missing.length > 0 || recipients.length === 0)) {
      throw new AppError("recipient_key_missing", "conflict", "No OpenPGP key is known for every recipient", {
        errors: missing.map((a) => ({ path: "body.to", message: `no key for ${a}`, code: "no_pgp_key" as const })),
      });
    }
    const subject = subjectWithReference(input.subject, incident.reference);
    const mailBody = destination.kind === "reporter" ? withReporterFooter(input.body, destination.report) : input.body;
    const sealed =
      recipients.length > 0
        ? await sealText(mailBody, missing.length === 0 ? [...keys.values()] : null, certKey)
        : { text: mailBody, encrypted: false, signed: false };
    const common = { incidentReference: incident.reference, subject, text: sealed.text };

    let messageId: string;
    let thread: { id: string; kind: "reporter" | "third-party" };
    let outboxId: string | null = null;
    let report: string | null = null;
    if (destination.kind === "reporter") {
      const { report: linkedReport } = destination;
      report = linkedReport.reference;
      messageId = await recordCertMessage(tx, {
        reportId: linkedReport.id,
        authorUserId: authorId,
        body: input.body,
        sentAt: now,
      });
      if (recipients.length > 0) {
        // A reporter without an address (a phone report) still reads it on the follow-up page; copies go out.
        const hasTo = destination.to.length > 0;
        outboxId = await queueIncidentMail(tx, clock, {
          ...common,
          to: hasTo ? destination.to : destination.cc,
          cc: hasTo ? destination.cc : [],
          inReplyTo: await lastReporterMailId(tx, linkedReport),
        });
      }
      await insertReporterMessageLink(tx, {
        reportMessageId: messageId,
        incidentId: incident.id,
        subject,
        to: recipients,
        outboxId,
        encrypted: sealed.encrypted,
        signed: sealed.signed,
      });
      thread = { id: linkedReport.reference, kind: "reporter" };
    } else {
      const addresses = [...destination.to].sort();
      const existing = await findThreadByAddresses(tx, incident.id, addresses);
      const row =
        existing ??
        (await insertThread(tx, {
          incidentId: incident.id,
          counterpart: addresses.join(", ").slice(0, 200),
          addresses,
          createdAt: now,
          createdBy: authorId,
        }));
      outboxId = await queueIncidentMail(tx, clock, {
        ...common,
        to: destination.to,
        cc: destination.cc,
        inReplyTo: existing ? await lastInboundMailId(tx, existing.id) : null,
      });
      messageId = await insertIncidentMessage(tx, {
        incidentId: incident.id,
        threadId: row.id,
        direction: "out",
        from: mailFromAddress(ctx.config.mailFrom),
        to: recipients,
        subject,
        body: input.body,
        outboxId,
        mailMessageId: null,
        encrypted: sealed.encrypted,
        signed: sealed.signed,
        authorId,
        sentAt: now,
      });
      thread = { id: row.id, kind: "third-party" };
    }
    // Copies to others on a reporter message share as much as a third-party message does.
    const sharesBeyondReporter = destination.kind === "third-party" || destination.cc.length > 0;
    const warning = sharesBeyondReporter ? consentWarning(linked, await selectLinkedConsents(tx, incident.id)) : null;
    await markFirstResponse(tx, incident.id, now);
    await insertIncidentEvent(tx, {
      incidentId: incident.id,
      kind: "message_out",
      occurredAt: now,
      recordedAt: now,
      authorId,
      body: subject,
      data: {
        messageId,
        threadId: thread.id,
        threadKind: thread.kind,
        ...(report ? { report, reportMessageId: messageId } : {}),
        recipients,
        encrypted: sealed.encrypted,
        signed: sealed.signed,
        ...(input.template ? { template: input.template } : {}),
      },
    });
    await appendAudit(tx, clock, {
      actor,
      action: "incident.message_sent",
      target: { type: "incident", id: incident.reference },
      diff: {
        messageId,
        thread,
        recipients,
        outboxId,
        encrypted: sealed.encrypted,
        signed: sealed.signed,
        consentWarning: warning,
      },
      ip: ctx.ip ?? null,
    });
    return {
      id: messageId,
      thread,
      status: outboxId ? "queued" : "none",
      encrypted: sealed.encrypted,
      signed: sealed.signed,
      consentWarning: warning,
    };
  });
}

/** The reporter is reminded how to answer, in the report's language. */
function withReporterFooter(body: string, report: { reference: string; language: "sv" | "en" }): string {
  const footer =
    report.language === "sv"
      ? `Svara på det här brevet eller använd din uppföljningslänk. Er rapport: ${report.reference}`
      : `Reply to this e-mail or use your follow-up link. Your report: ${report.reference}`;
  return `${body}\n\n-- \n${footer}`;
}
