import { systemActor } from "../../../platform/auth/actor.js";
import type { Clock } from "../../../platform/clock.js";
import type { Config } from "../../../platform/config.js";
import type { Db } from "../../../platform/db/connect.js";
import { AppError } from "../../../platform/errors.js";
import type { BlobStore } from "../../../platform/files/blobs.js";
import type { Logger } from "../../../platform/log.js";
import { addReporterMessage } from "../add-reporter-message.js";
import { selectReportIdByMailMessageId, selectReportIdByReference } from "../report-store.js";
import { inTransaction } from "../../../platform/db/connect.js";
import { submitReport } from "../submit-report.js";
import type { IntakeContext, StoredAttachment } from "../types.js";
import { decideAcknowledgement } from "./acknowledge-policy.js";
import { withoutControlCharacters } from "./control-characters.js";
import { blobAttachmentSink } from "./attachment-sink.js";
import { type ParsedInboundMail, parseInboundMail } from "./parse.js";
import { openInlinePgp } from "./pgp-inline.js";
import type { PgpKeyring, SignatureStatus } from "./pgp-keyring.js";
import { unwrapPgpMime } from "./pgp-mime.js";
import { rawHeader, readRawHeaders } from "./raw-headers.js";
import { incidentReferenceInSubject, referenceInSubject } from "./reference-in-subject.js";
import { lockSenderForAcknowledgement, referenceOfReport } from "./store.js";
import { MAX_MESSAGE_BODY, mailToSubmission } from "./to-submission.js";

/** A reply whose subject carries an incident reference, handed to the incident workspace. */
export interface IncidentReplyMail {
  incidentReference: string;
  /** The sender's address (From, else the envelope), lower case. */
  from: string | null;
  fromName: string | null;
  subject: string;
  body: string;
  messageId: string;
  inReplyTo: string | null;
  references: readonly string[];
  attachments: readonly StoredAttachment[];
  raw: { sha256: string; size: number };
  pgp: { encrypted: boolean; signature: SignatureStatus };
}

/** Where the incident workspace put a reply; null when no such incident exists (intake goes on as usual). */
export type IncidentReplyOutcome = {
  threadId: string;
  threadKind: "reporter" | "third-party";
  duplicate: boolean;
};

/**
 * The incident workspace's handler for replies carrying an incident reference. Passed in by the
 * composition root, so intake never imports the incident workspace.
 */
export type IncidentReplyHook = (
  deps: Pick<MailIntakeDeps, "db" | "clock" | "config" | "logger">,
  reply: IncidentReplyMail,
) => Promise<IncidentReplyOutcome | null>;

/** What mail intake needs from the composition root. */
export interface MailIntakeDeps {
  db: Db;
  clock: Clock;
  config: Config;
  logger: Logger;
  blobs: BlobStore;
  keyring: PgpKeyring;
  incidentReplies?: IncidentReplyHook;
}

export type MailSource = "import" | "smtp" | "imap";

/** What became of a message: a new report, a message on an existing one, or nothing (already taken). */
export type IngestResult =
  | { outcome: "created"; reportId: string; reference: string; acknowledged: boolean }
  | { outcome: "threaded"; reportId: string; reference: string }
  | { outcome: "duplicate"; reportId: string; reference: string | null }
  | ({ outcome: "incident"; reportId: null; reference: string } & IncidentReplyOutcome);

interface PgpOutcome {
  encrypted: boolean;
  signature: SignatureStatus;
}

function messageIdOf(raw: Buffer, rawSha256: string): string {
  const header = rawHeader(readRawHeaders(raw), "message-id");
  const id = header?.match(/<[^<>\s]+>/)?.[0] ?? (header && !/\s/.test(header) ? `<${header}>` : null);
  // Without a Message-ID the same bytes still count as the same message (an IMAP re-poll after a crash).
  return id ?? `<sha256.${rawSha256}@fyr.invalid>`;
}

async function readMessage(deps: MailIntakeDeps, raw: Buffer): Promise<{ mail: ParsedInboundMail; pgp: PgpOutcome }> {
  const unwrapped = await unwrapPgpMime(raw, deps.keyring);
  const sink = blobAttachmentSink(deps.blobs, deps.config, deps.logger);
  const mail = await parseInboundMail(unwrapped.raw, { storeAttachment: sink });
  const inline = await openInlinePgp(mail.text, deps.keyring, mail.from?.address ?? null);
  return {
    mail: { ...mail, text: withoutControlCharacters(inline.text) },
    pgp: {
      encrypted: unwrapped.encrypted || inline.encrypted,
      signature: unwrapped.signature !== "none" ? unwrapped.signature : inline.signature,
    },
  };
}

async function fileNewReport(
  ctx: IntakeContext,
  mail: ParsedInboundMail,
  evidence: { messageId: string; rawSha256: string; rawSize: number; pgp: PgpOutcome; envelopeFrom: string | null },
) {
  const submission = mailToSubmission(mail, evidence.envelopeFrom);
  return inTransaction(ctx.db, async (tx) => {
    const sender = submission.reporter.email;
    if (sender) await lockSenderForAcknowledgement(tx, sender);
    const decision = await decideAcknowledgement(tx, ctx.clock, mail, evidence.envelopeFrom);
    const created = await submitReport({ ...ctx, db: tx }, submission, mail.attachments, {
      kind: "email",
      messageId: evidence.messageId,
      rawSha256: evidence.rawSha256,
      rawSize: evidence.rawSize,
      headers: mail.headers,
      pgp: evidence.pgp,
      acknowledge: decision.acknowledge,
      reading: { level: mail.readLevel, skippedParts: mail.skippedParts, notStored: mail.notStored },
    });
    return { ...created, decision };
  });
}

/** Hands a reply carrying an incident reference to the incident workspace's hook, if one is wired. */
async function replyToIncident(
  deps: MailIntakeDeps,
  mail: ParsedInboundMail,
  pgp: PgpOutcome,
  evidence: { messageId: string; raw: { sha256: string; size: number }; envelope: { from?: string | null } },
): Promise<IngestResult | null> {
  const incidentReference = incidentReferenceInSubject(mail.subject, deps.config.referencePrefix);
  if (!incidentReference || !deps.incidentReplies) return null;
  const from = (mail.from?.address ?? evidence.envelope.from ?? "").trim().toLowerCase() || null;
  const outcome = await deps.incidentReplies(deps, {
    incidentReference,
    from,
    fromName: mail.from?.name?.trim() || null,
    subject: mail.subject,
    body: (mail.text.trim() || mail.subject).slice(0, MAX_MESSAGE_BODY),
    messageId: evidence.messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    attachments: mail.attachments,
    raw: evidence.raw,
    pgp,
  });
  return outcome ? { outcome: "incident", reportId: null, reference: incidentReference, ...outcome } : null;
}

/**
 * Takes one inbound message (from `fyr mail import`, the SMTP listener or the IMAP poller): keeps the
 * raw message as evidence, skips one already taken (Message-ID), threads a reply carrying a known
 * reference onto its report, and otherwise files a new report whose acknowledgement follows RFC 3834
 * and the per-sender limit. Resolves only after the report is committed; throws only on outages.
 */
export async function ingestMail(
  deps: MailIntakeDeps,
  raw: Buffer,
  source: MailSource,
  envelope: { from?: string | null } = {},
): Promise<IngestResult> {
  const rawBlob = await deps.blobs.put(raw);
  const messageId = messageIdOf(raw, rawBlob.sha256);
  const duplicate = async (): Promise<IngestResult | null> => {
    const reportId = await selectReportIdByMailMessageId(deps.db, messageId);
    return reportId ? { outcome: "duplicate", reportId, reference: await referenceOfReport(deps.db, reportId) } : null;
  };
  const already = await duplicate();
  if (already) return already;

  const { mail, pgp } = await readMessage(deps, raw);
  const ctx: IntakeContext = {
    db: deps.db,
    clock: deps.clock,
    config: deps.config,
    actor: systemActor(`mail-${source}`),
  };
  try {
    const incidentReply = await replyToIncident(deps, mail, pgp, { messageId, raw: rawBlob, envelope });
    if (incidentReply) return incidentReply;
    const reference = referenceInSubject(mail.subject, deps.config.referencePrefix);
    const threadOnto = reference ? await selectReportIdByReference(deps.db, reference) : null;
    if (threadOnto && reference) {
      const body = mail.text.trim() || mail.subject;
      await addReporterMessage(ctx, threadOnto, {
        body: body.slice(0, MAX_MESSAGE_BODY),
        attachments: mail.attachments,
        via: "email",
        messageId,
      });
      return { outcome: "threaded", reportId: threadOnto, reference };
    }
    const envelopeFrom = envelope.from ?? null;
    const created = await fileNewReport(ctx, mail, {
      messageId,
      rawSha256: rawBlob.sha256,
      rawSize: rawBlob.size,
      pgp,
      envelopeFrom,
    });
    if (!created.decision.acknowledge) {
      deps.logger.info(
        { reference: created.reference, why: created.decision.reason },
        "mailed report not acknowledged",
      );
    }
    return {
      outcome: "created",
      reportId: created.reportId,
      reference: created.reference,
      acknowledged: created.decision.acknowledge,
    };
  } catch (err) {
    // Another process took the same message a moment ago (the Message-ID is unique).
    if (err instanceof AppError && err.code === "report_message_taken") {
      const taken = await duplicate();
      if (taken) return taken;
    }
    throw err;
  }
}
