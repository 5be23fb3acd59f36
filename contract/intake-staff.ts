import { z } from "zod";
import { PageOf } from "./page.js";
import {
  MAX_TEXT,
  Nis2Stage,
  Nis2View,
  RejectReason,
  ReportChannel,
  ReportLanguage,
  ReportAnswers,
  ReportStatus,
  Sector,
  TlpLabel,
  YesNoUnknown,
} from "./intake.js";
import { IncidentStatus } from "./incidents.js";

// Staff views of reports: the inbox, one report with every answer, and the duty officer's actions.

export const ReportsQuery = z.object({
  status: ReportStatus.optional(),
  /** `unread`: what is new to the caller first (a reply since they looked, or never opened while new). */
  sort: z.enum(["received", "unread"]).default("received"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});
export type ReportsQuery = z.infer<typeof ReportsQuery>;

export const ReportReferenceParams = z.object({ reference: z.string().min(1).max(40) });
export const ReportAttachmentParams = z.object({ reference: z.string().min(1).max(40), id: z.uuid() });

/** How long a report has waited and whether it is past its acknowledgement target. */
const Timeliness = {
  ageSeconds: z.number().int(),
  ackTargetMinutes: z.number().int(),
  /** Still new and older than its target. */
  overdue: z.boolean(),
};

/** What a trusted receiving MTA's Authentication-Results said (RFC 8601); null per method when not reported. */
export const MailAuthView = z.object({
  authservId: z.string(),
  spf: z.string().nullable(),
  dkim: z.string().nullable(),
  dmarc: z.string().nullable(),
});
export type MailAuthView = z.infer<typeof MailAuthView>;

/**
 * A mailed report's warnings for duty: the reference it claimed to answer without proof (no reply token,
 * sender not the participant), and a Message-ID an earlier, different message already carried.
 */
const MailFlags = {
  unverifiedReference: z.string().nullable(),
  messageIdReused: z.boolean(),
};
export const MailReadLevel = z.enum(["full", "partial", "headers-rebuilt", "raw-text"]);

export const ReportListItem = z.object({
  reference: z.string(),
  status: ReportStatus,
  channel: ReportChannel,
  receivedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  summary: z.string().nullable(),
  /** The first characters of "what happened", for the inbox line. */
  excerpt: z.string(),
  reporterName: z.string().nullable(),
  reporterEmail: z.string().nullable(),
  organisationName: z.string().nullable(),
  sector: Sector.nullable(),
  tlp: TlpLabel,
  nis2: z.boolean(),
  /** Mailed reports only (else null / false). */
  ...MailFlags,
  /** A mailed report whose message could be read only in part (the raw message holds all of it). */
  partlyRead: z.boolean(),
  /** How many files of a mailed report were left out over a size limit. */
  filesNotStored: z.number().int(),
  /** New to the caller: a reply since they last looked, or still new and never opened by them. */
  unread: z.boolean(),
  ...Timeliness,
});
export type ReportListItem = z.infer<typeof ReportListItem>;

export const ReportsPage = PageOf(ReportListItem);
export type ReportsPage = z.infer<typeof ReportsPage>;

// Every initial question with its answer: defined with the follow-up view, which shows it to the reporter.
export { ReportAnswers } from "./intake.js";

const StaffRef = z.object({ id: z.string(), name: z.string() }).nullable();

export const AttachmentView = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  /** The follow-up message it came with; null when sent with the report. */
  messageId: z.string().nullable(),
  receivedAt: z.string(),
});

export const ReportMessageView = z.object({
  id: z.string(),
  from: z.enum(["reporter", "cert"]),
  author: StaffRef,
  body: z.string(),
  via: z.enum(["web", "email", "console"]),
  sentAt: z.string(),
  nis2Stage: Nis2Stage.nullable(),
  /** A mailed reply: its real sender, the raw message (…/messages/{id}/original), headers and verdict. */
  mail: z
    .object({
      from: z.string().nullable(),
      rawSize: z.number().int().nullable(),
      rawSha256: z.string().nullable(),
      headers: z.record(z.string(), z.string()),
      auth: MailAuthView.nullable(),
      /** What tied it to this report: our reply token, or the reporter's own address. */
      verifiedBy: z.enum(["token", "sender"]).nullable(),
    })
    .nullable(),
});

export const ReportDetail = z.object({
  reference: z.string(),
  status: ReportStatus,
  channel: ReportChannel,
  language: ReportLanguage,
  receivedAt: z.string(),
  registeredBy: StaffRef,
  acknowledged: z.object({ at: z.string(), by: StaffRef }).nullable(),
  rejected: z.object({ at: z.string(), by: StaffRef, reason: RejectReason, note: z.string().nullable() }).nullable(),
  answers: ReportAnswers,
  attachments: z.array(AttachmentView),
  messages: z.array(ReportMessageView),
  nis2: z
    .object({
      applies: z.boolean().nullable(),
      awareAt: z.string().nullable(),
      suspectedMalicious: YesNoUnknown.nullable(),
      crossBorderImpact: YesNoUnknown.nullable(),
      trustServiceProvider: z.boolean().nullable(),
    })
    .extend(Nis2View.shape)
    .nullable(),
  /** For mailed reports: the original message (downloadable as …/original), its headers and PGP status. */
  mail: z
    .object({
      messageId: z.string().nullable(),
      headers: z.record(z.string(), z.string()),
      rawSize: z.number().int().nullable(),
      rawSha256: z.string().nullable(),
      pgp: z.object({
        encrypted: z.boolean().nullable(),
        signature: z.enum(["valid", "invalid", "unknown_key", "none"]).nullable(),
      }),
      /** SPF/DKIM/DMARC from a trusted MTA (FYR_MAIL_AUTHSERV_ID); null when none was found or trusted. */
      auth: MailAuthView.nullable(),
      ...MailFlags,
      /**
       * How much of the message was read: full; partial (parts past the bound on count or depth were
       * skipped, `skippedParts` of them); headers-rebuilt; raw-text. Null for mail taken in before it was recorded.
       */
      readLevel: MailReadLevel.nullable(),
      skippedParts: z.number().int().nullable(),
      /** Files of the message left out over a size limit, and why (the original message holds them). */
      filesNotStored: z.array(
        z.object({
          filename: z.string(),
          contentType: z.string(),
          size: z.number().int(),
          reason: z.enum(["file_too_large", "report_too_large"]),
        }),
      ),
    })
    .nullable(),
  /** The incidents this report is linked to, those the viewer may see (TLP:RED ones only to their people). */
  incidents: z.array(z.object({ reference: z.string(), title: z.string(), status: IncidentStatus })),
  ...Timeliness,
});
export type ReportDetail = z.infer<typeof ReportDetail>;

export const AcknowledgeInput = z
  .object({ notifyReporter: z.boolean().default(false) })
  .default({ notifyReporter: false });
export type AcknowledgeInput = z.infer<typeof AcknowledgeInput>;

export const RejectInput = z.object({ reason: RejectReason, note: z.string().max(MAX_TEXT).optional() });
export type RejectInput = z.infer<typeof RejectInput>;

export const CertMessageInput = z.object({
  body: z
    .string()
    .max(MAX_TEXT * 5)
    .refine((v) => v.trim() !== "", { message: "required", params: { code: "required" } }),
});
export type CertMessageInput = z.infer<typeof CertMessageInput>;

export const CertMessageReceipt = z.object({ id: z.string(), sentAt: z.string(), mailed: z.boolean() });
