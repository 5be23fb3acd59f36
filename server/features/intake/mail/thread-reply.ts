import type { MailAuthVerdict } from "../../../platform/db/tables/intake.js";
import { addReporterMessage } from "../add-reporter-message.js";
import { selectReportById, selectReportIdByReference } from "../report-store.js";
import type { IntakeContext } from "../types.js";
import { senderDisproved } from "./authentication-results.js";
import type { IncidentReplyMail, IngestResult, MailIntakeDeps } from "./ingest.js";
import type { ParsedInboundMail } from "./parse.js";
import type { SignatureStatus } from "./pgp-keyring.js";
import { incidentReferenceInSubject, isIncidentReference, referenceInSubject } from "./reference-in-subject.js";
import { answeredOutboxIds, answeredReferences } from "./reply-token.js";
import { MAX_MESSAGE_BODY } from "./to-submission.js";

// Which thread an inbound message belongs to. The reference in the subject is only a claim (references
// are sequential): a message joins a report or incident when it answers mail Fyr sent about it (the reply
// token, see reply-token.ts) or when its sender is that thread's participant and a trusted MTA did not
// say the From address is forged. Anything else is a new report, with the claim shown as unverified.

export interface InboundEvidence {
  messageId: string;
  contentSha256: string;
  raw: { sha256: string; size: number };
  headers: Record<string, string>;
  auth: MailAuthVerdict | null;
  pgp: { encrypted: boolean; signature: SignatureStatus };
  envelope: { from?: string | null };
}

export type Routing = { threaded: IngestResult } | { threaded: null; claimed: string | null };

/** The sender's address (From, else the envelope), lower case, or null. */
export function senderOf(mail: ParsedInboundMail, envelope: { from?: string | null }): string | null {
  return (mail.from?.address ?? envelope.from ?? "").trim().toLowerCase() || null;
}

async function toIncident(
  deps: MailIntakeDeps,
  mail: ParsedInboundMail,
  ev: InboundEvidence,
  incidentReference: string,
  outboxIds: string[],
): Promise<IngestResult | null> {
  if (!deps.incidentReplies) return null;
  const from = senderOf(mail, ev.envelope);
  const reply: IncidentReplyMail = {
    incidentReference,
    from,
    fromName: mail.from?.name?.trim() || null,
    subject: mail.subject,
    body: (mail.text.trim() || mail.subject).slice(0, MAX_MESSAGE_BODY),
    messageId: ev.messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    answeredOutboxIds: outboxIds,
    senderMayMatch: from !== null && !senderDisproved(ev.auth),
    attachments: mail.attachments,
    raw: ev.raw,
    contentSha256: ev.contentSha256,
    headers: ev.headers,
    auth: ev.auth,
    pgp: ev.pgp,
  };
  const outcome = await deps.incidentReplies(deps, reply);
  return outcome ? { outcome: "incident", reportId: null, reference: incidentReference, ...outcome } : null;
}

async function toReport(
  ctx: IntakeContext,
  mail: ParsedInboundMail,
  ev: InboundEvidence,
  reportId: string,
  reference: string,
  verifiedBy: "token" | "sender",
): Promise<IngestResult> {
  await addReporterMessage(ctx, reportId, {
    body: (mail.text.trim() || mail.subject).slice(0, MAX_MESSAGE_BODY),
    attachments: mail.attachments,
    via: "email",
    messageId: ev.messageId,
    mail: {
      from: senderOf(mail, ev.envelope),
      headers: ev.headers,
      rawSha256: ev.raw.sha256,
      rawSize: ev.raw.size,
      contentSha256: ev.contentSha256,
      auth: ev.auth,
      verifiedBy,
    },
  });
  return { outcome: "threaded", reportId, reference };
}

/** Threads a verified reply onto its report or incident; else answers the reference it claimed, if any. */
export async function routeReply(
  deps: MailIntakeDeps,
  ctx: IntakeContext,
  mail: ParsedInboundMail,
  ev: InboundEvidence,
): Promise<Routing> {
  const prefix = deps.config.referencePrefix;
  const outboxIds = answeredOutboxIds(mail.inReplyTo, mail.references);
  const answered = await answeredReferences(deps.db, outboxIds);
  const subjectIncident = incidentReferenceInSubject(mail.subject, prefix);
  const subjectReport = referenceInSubject(mail.subject, prefix);

  // An incident: the mail we sent about it was answered, or the subject names it (the incident
  // workspace then checks the token or the sender against its threads).
  const incident = answered.find((r) => isIncidentReference(r, prefix)) ?? subjectIncident;
  if (incident) {
    const threaded = await toIncident(deps, mail, ev, incident, outboxIds);
    if (threaded) return { threaded };
  }
  for (const reference of answered.filter((r) => !isIncidentReference(r, prefix))) {
    const reportId = await selectReportIdByReference(deps.db, reference);
    if (reportId) return { threaded: await toReport(ctx, mail, ev, reportId, reference, "token") };
  }
  if (subjectReport) {
    const reportId = await selectReportIdByReference(deps.db, subjectReport);
    const report = reportId ? await selectReportById(deps.db, reportId) : undefined;
    const from = senderOf(mail, ev.envelope);
    const sameSender = from !== null && report?.reporter_email?.trim().toLowerCase() === from;
    if (report && sameSender && !senderDisproved(ev.auth))
      return { threaded: await toReport(ctx, mail, ev, report.id, subjectReport, "sender") };
  }
  return { threaded: null, claimed: subjectIncident ?? subjectReport ?? null };
}
