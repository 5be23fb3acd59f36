import { appendAudit } from "../../../platform/audit.js";
import { systemActor } from "../../../platform/auth/actor.js";
import type { Clock } from "../../../platform/clock.js";
import type { Config } from "../../../platform/config.js";
import type { Db } from "../../../platform/db/connect.js";
import { inTransaction } from "../../../platform/db/connect.js";
import type { MailAuthVerdict } from "../../../platform/db/tables/intake.js";
import { AppError } from "../../../platform/errors.js";
import type { BlobStore } from "../../../platform/files/blobs.js";
import type { Logger } from "../../../platform/log.js";
import { submitReport } from "../submit-report.js";
import type { IntakeContext, ReporterAnswerHook, StoredAttachment } from "../types.js";
import { decideAcknowledgement } from "./acknowledge-policy.js";
import { type AutomatedReason, automatedReason } from "./automated.js";
import { blobAttachmentSink } from "./attachment-sink.js";
import { trustedAuthenticationResults } from "./authentication-results.js";
import { mailContentSha256 } from "./content-hash.js";
import { withoutControlCharacters } from "./control-characters.js";
import { type ParsedInboundMail, parseInboundMail } from "./parse.js";
import { openInlinePgp } from "./pgp-inline.js";
import type { PgpKeyring, SignatureStatus } from "./pgp-keyring.js";
import { unwrapPgpMime } from "./pgp-mime.js";
import { headerRecord, rawHeader, readRawHeaders } from "./raw-headers.js";
import {
  type EarlierArrival,
  type NewArrival,
  arrivalsWithMessageId,
  insertArrival,
  lockSenderForAcknowledgement,
} from "./store.js";
import { answeredOutboxIds } from "./reply-token.js";
import { type InboundEvidence, type Routing, routeReply, senderOf } from "./thread-reply.js";
import { mailToSubmission } from "./to-submission.js";

/** A reply naming an incident (by reply token or subject), handed to the incident workspace. */
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
  /** The outbox ids of our mails it answers (the reply token; see reply-token.ts). */
  answeredOutboxIds: readonly string[];
  /** Whether the From address may tie it to a thread (false: none, or a trusted MTA says it is forged). */
  senderMayMatch: boolean;
  attachments: readonly StoredAttachment[];
  raw: { sha256: string; size: number };
  contentSha256: string;
  headers: Record<string, string>;
  auth: MailAuthVerdict | null;
  pgp: { encrypted: boolean; signature: SignatureStatus };
}

/** Where the incident workspace put a reply. */
export type IncidentReplyOutcome = {
  threadId: string;
  threadKind: "reporter" | "third-party";
  duplicate: boolean;
};

/**
 * The incident workspace's handler for replies naming an incident. Null when the incident does not
 * exist or the reply proves no tie to it (no token, no participant's address): intake then files it as
 * a new, unverified report. Passed in by the composition root, so intake never imports the workspace.
 */
export type IncidentReplyHook = (
  deps: Pick<MailIntakeDeps, "db" | "clock" | "config" | "logger">,
  reply: IncidentReplyMail,
) => Promise<IncidentReplyOutcome | null>;

/** Mail that may concern a notification to an owner: a bounce of one, an automatic answer, a reply. */
export interface NotificationMail {
  raw: Buffer;
  rawSha256: string;
  messageId: string;
  /** The sender's address (From, else the envelope), lower case. */
  from: string | null;
  subject: string;
  body: string;
  /** The outbox ids of our mails it answers (the reply token; see reply-token.ts). */
  answeredOutboxIds: readonly string[];
  /** Why it is automatic mail (RFC 3834, bounces), or null for a person's. */
  automated: AutomatedReason | null;
}

/**
 * The notifier's handler: answers the notification's reference when the mail was about one (then it is
 * taken: a bounce recorded, an automatic answer ignored, a reply threaded), else null and intake goes on.
 */
export type NotificationMailHook = (
  deps: Pick<MailIntakeDeps, "db" | "clock" | "config" | "logger">,
  mail: NotificationMail,
) => Promise<{ reference: string } | null>;

/** What mail intake needs from the composition root. */
export interface MailIntakeDeps {
  db: Db;
  clock: Clock;
  config: Config;
  logger: Logger;
  blobs: BlobStore;
  keyring: PgpKeyring;
  incidentReplies?: IncidentReplyHook;
  reporterAnswered?: ReporterAnswerHook;
  notificationMail?: NotificationMailHook;
  /** Replies to coordination case mail (features/coordination), asked after the notifier. */
  coordinationMail?: NotificationMailHook;
}

export type MailSource = "import" | "smtp" | "imap";

/** What became of a message: a new report, a message on an existing one, or nothing (a copy already taken). */
export type IngestResult =
  | { outcome: "created"; reportId: string; reference: string; acknowledged: boolean }
  | { outcome: "threaded"; reportId: string; reference: string }
  | { outcome: "duplicate"; reportId: string | null; reference: string | null }
  | ({ outcome: "incident"; reportId: null; reference: string } & IncidentReplyOutcome)
  | { outcome: "notification"; reportId: null; reference: string };

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

interface NewReportEvidence extends InboundEvidence {
  messageIdReused: boolean;
  unverifiedReference: string | null;
}

async function fileNewReport(ctx: IntakeContext, mail: ParsedInboundMail, ev: NewReportEvidence) {
  const envelopeFrom = ev.envelope.from ?? null;
  const submission = mailToSubmission(mail, envelopeFrom);
  return inTransaction(ctx.db, async (tx) => {
    const sender = submission.reporter.email;
    if (sender) await lockSenderForAcknowledgement(tx, sender);
    const decision = await decideAcknowledgement(tx, ctx.clock, mail, envelopeFrom);
    const created = await submitReport({ ...ctx, db: tx }, submission, mail.attachments, {
      kind: "email",
      messageId: ev.messageId,
      rawSha256: ev.raw.sha256,
      rawSize: ev.raw.size,
      headers: ev.headers,
      pgp: ev.pgp,
      contentSha256: ev.contentSha256,
      auth: ev.auth,
      messageIdReused: ev.messageIdReused,
      unverifiedReference: ev.unverifiedReference,
      acknowledge: decision.acknowledge,
      reading: { level: mail.readLevel, skippedParts: mail.skippedParts, notStored: mail.notStored },
    });
    return { ...created, decision };
  });
}

type Arrival = Omit<NewArrival, "outcome" | "reference" | "reportId" | "receivedAt">;

/** A copy of a message already taken in: its raw bytes are referenced (never swept) and audited. */
async function keepCopy(deps: MailIntakeDeps, arrival: Arrival, earlier: EarlierArrival): Promise<IngestResult> {
  await inTransaction(deps.db, async (tx) => {
    await insertArrival(tx, {
      ...arrival,
      outcome: "duplicate",
      reference: earlier.reference,
      reportId: earlier.reportId,
      receivedAt: deps.clock.now(),
    });
    await appendAudit(tx, deps.clock, {
      actor: systemActor(`mail-${arrival.source}`),
      action: "mail.copy_received",
      ...(earlier.reference ? { target: { type: "case", id: earlier.reference } } : {}),
      diff: { messageId: arrival.messageId, rawSha256: arrival.rawSha256 },
      ip: null,
    });
  });
  return { outcome: "duplicate", reportId: earlier.reportId, reference: earlier.reference };
}

/** The earlier arrival this message is a copy of (same Message-ID and content), and whether the ID was used before. */
async function takenBefore(deps: MailIntakeDeps, messageId: string, contentSha256: string) {
  const earlier = await arrivalsWithMessageId(deps.db, messageId);
  // Mail taken in before content hashes were kept (null) counts as the same message.
  const same = earlier.find((e) => e.contentSha256 === null || e.contentSha256 === contentSha256);
  return { same, reused: earlier.length > 0 && !same };
}

/**
 * Takes one inbound message (from `fyr mail import`, the SMTP listener or the IMAP poller): keeps the
 * raw message as evidence, skips a copy of one already taken (same Message-ID and content; the copy's raw
 * bytes are still kept), threads a verified reply onto its report or incident (routeReply), and
 * otherwise files a new report whose acknowledgement follows RFC 3834 and the per-sender limit. A
 * reused Message-ID with other content is a new report, flagged. Resolves only after the write
 * commits; throws only on outages.
 */
export async function ingestMail(
  deps: MailIntakeDeps,
  raw: Buffer,
  source: MailSource,
  envelope: { from?: string | null } = {},
): Promise<IngestResult> {
  const rawBlob = await deps.blobs.put(raw);
  const messageId = messageIdOf(raw, rawBlob.sha256);
  const contentSha256 = mailContentSha256(raw);
  const arrival: Arrival = { messageId, contentSha256, rawSha256: rawBlob.sha256, rawSize: rawBlob.size, source };
  const before = await takenBefore(deps, messageId, contentSha256);
  if (before.same) return keepCopy(deps, arrival, before.same);

  const { mail, pgp } = await readMessage(deps, raw);
  const ev: InboundEvidence = {
    messageId,
    contentSha256,
    raw: rawBlob,
    headers: mail.headers,
    // The outer header block as it arrived (the MTA never saw a PGP/MIME message's inner one).
    auth: trustedAuthenticationResults(headerRecord(readRawHeaders(raw)), deps.config.mailAuthservIds),
    pgp,
    envelope,
  };
  const ctx: IntakeContext = {
    db: deps.db,
    clock: deps.clock,
    config: deps.config,
    actor: systemActor(`mail-${source}`),
    reporterAnswered: deps.reporterAnswered,
  };
  const record = (outcome: NewArrival["outcome"], reference: string | null, reportId: string | null) =>
    insertArrival(deps.db, { ...arrival, outcome, reference, reportId, receivedAt: deps.clock.now() });
  try {
    // Bounces of and answers to notifications and coordination mail never become reports (a reused
    // Message-ID is not trusted).
    for (const hook of before.reused ? [] : [deps.notificationMail, deps.coordinationMail]) {
      if (!hook) continue;
      const taken = await hook(deps, {
        raw,
        rawSha256: rawBlob.sha256,
        messageId,
        from: senderOf(mail, envelope),
        subject: mail.subject,
        body: mail.text,
        answeredOutboxIds: answeredOutboxIds(mail.inReplyTo, mail.references),
        automated: automatedReason({
          headers: mail.headers,
          fromAddress: mail.from?.address ?? null,
          envelopeFrom: envelope.from ?? null,
          contentType: mail.contentType,
        }),
      });
      if (taken) {
        await record("notification", taken.reference, null);
        return { outcome: "notification", reportId: null, reference: taken.reference };
      }
    }
    // A reused Message-ID proves nothing about a thread: such mail is always a new report.
    const routed: Routing = before.reused ? { threaded: null, claimed: null } : await routeReply(deps, ctx, mail, ev);
    if (routed.threaded) {
      const t = routed.threaded;
      if (t.outcome === "incident" && t.duplicate) return t;
      await record(t.outcome, t.reference, t.reportId);
      return t;
    }
    const created = await fileNewReport(ctx, mail, {
      ...ev,
      messageIdReused: before.reused,
      unverifiedReference: routed.claimed,
    });
    await record("created", created.reference, created.reportId);
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
    // Another process took the same message a moment ago (Message-ID and content are unique together).
    if (err instanceof AppError && err.code === "report_message_taken") {
      const again = await takenBefore(deps, messageId, contentSha256);
      if (again.same) return keepCopy(deps, arrival, again.same);
    }
    throw err;
  }
}
