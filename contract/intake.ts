import { z } from "zod";
import { NIS2_SECTORS } from "./nis2-sectors.js";

// Incident intake: the public report (api-v1.md "Public intake"), the reporter's follow-up and the
// staff views of reports. The initial questions are CERT-SE's (fact sheet MSB581), each its own field.

export const YesNoUnknown = z.enum(["yes", "no", "unknown"]);
export type YesNoUnknown = z.infer<typeof YesNoUnknown>;
export const PoliceReportStatus = z.enum(["yes", "no", "planned"]);
/** Each value widens the one before it. */
export const ConsentLevel = z.enum(["none", "affected-organisations", "third-parties"]);
export type ConsentLevel = z.infer<typeof ConsentLevel>;
export const TlpLabel = z.enum(["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"]);
export type TlpLabel = z.infer<typeof TlpLabel>;
export const Nis2Stage = z.enum(["early-warning", "notification", "intermediate", "final", "progress"]);
export type Nis2Stage = z.infer<typeof Nis2Stage>;
export const Sector = z.enum([...NIS2_SECTORS, "other"]);
export type Sector = z.infer<typeof Sector>;
export const ReportLanguage = z.enum(["sv", "en"]);
export type ReportLanguage = z.infer<typeof ReportLanguage>;
export const ReportStatus = z.enum(["new", "acknowledged", "linked", "rejected"]);
export type ReportStatus = z.infer<typeof ReportStatus>;
export const ReportChannel = z.enum(["web", "api", "phone", "email"]);
export type ReportChannel = z.infer<typeof ReportChannel>;
export const RejectReason = z.enum(["spam", "duplicate", "other"]);

/** NIS2 annex I ("sectors of high criticality"): reports from these get the shorter acknowledgement target. */
export const HIGH_CRITICALITY_SECTORS: readonly Sector[] = [
  "energy",
  "transport",
  "banking",
  "financial",
  "health",
  "drinking-water",
  "waste-water",
  "digital-infrastructure",
  "ict-services",
  "public-administration",
  "space",
];

export const MAX_SHORT_TEXT = 200;
export const MAX_TEXT = 10_000;
export const MAX_WHAT_HAPPENED = 50_000;

/** Optional free text: absent, null or blank all mean "not answered" (null). */
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((v) => (v == null || v.trim() === "" ? null : v));
const optionalTime = z.iso
  .datetime({ offset: true })
  .nullish()
  .transform((v) => v ?? null);
const optionalEnum = <T extends z.ZodType<string>>(schema: T) => schema.nullish().transform((v) => v ?? null);
const optionalEmail = z
  .union([z.literal(""), z.email().max(254)])
  .nullish()
  .transform((v) => (v ? v : null));
const optionalPhone = z
  .union([
    z.literal(""),
    z.string().regex(/^\+?[0-9][0-9 ()./-]{3,38}[0-9]$/, "a telephone number, e.g. +46 8 123 456"),
  ])
  .nullish()
  .transform((v) => (v ? v : null));

const Reporter = z.object({
  name: optionalText(MAX_SHORT_TEXT),
  email: optionalEmail,
  phone: optionalPhone,
  role: optionalText(MAX_SHORT_TEXT),
});
const Organisation = z.object({
  name: optionalText(MAX_SHORT_TEXT),
  orgNumber: optionalText(40),
  sector: optionalEnum(Sector),
});
const Discovery = z.object({ how: optionalText(MAX_TEXT), discoveredAt: optionalTime });
const PoliceReport = z.object({ status: optionalEnum(PoliceReportStatus), reference: optionalText(MAX_SHORT_TEXT) });
const SharingConsent = z.object({
  information: optionalEnum(ConsentLevel),
  data: optionalEnum(ConsentLevel),
  logs: optionalEnum(ConsentLevel),
});
export const Nis2Submission = z.object({
  applies: z
    .boolean()
    .nullish()
    .transform((v) => v ?? null),
  /** Defaults to early-warning when NIS2 applies. */
  stage: optionalEnum(Nis2Stage),
  awareAt: optionalTime,
  suspectedMalicious: optionalEnum(YesNoUnknown),
  crossBorderImpact: optionalEnum(YesNoUnknown),
  /** Trust service providers notify within 24 h instead of 72 h (NIS2 art. 23(4)). */
  trustServiceProvider: z
    .boolean()
    .nullish()
    .transform((v) => v ?? null),
});
export type Nis2Submission = z.infer<typeof Nis2Submission>;

/** An optional group of answers; absent or null reads as the group with nothing answered. */
const answerGroup = <T extends z.ZodObject>(schema: T) =>
  schema.nullish().transform((v): z.output<T> => v ?? schema.parse({}));

/** A report as a reporter (web form, API, mail parser, duty officer on the phone) submits it. */
export const ReportSubmission = z
  .object({
    language: ReportLanguage.default("sv"),
    reporter: answerGroup(Reporter),
    organisation: answerGroup(Organisation),
    summary: optionalText(MAX_SHORT_TEXT),
    whatHappened: z
      .string()
      .max(MAX_WHAT_HAPPENED)
      .refine((v) => v.trim() !== "", { message: "required", params: { code: "required" } }),
    discovery: answerGroup(Discovery),
    countermeasures: optionalText(MAX_TEXT),
    ongoing: optionalEnum(YesNoUnknown),
    dataLeakRisk: optionalEnum(YesNoUnknown),
    moreAffectedRisk: optionalEnum(YesNoUnknown),
    helpWanted: optionalText(MAX_TEXT),
    contactedParties: optionalText(MAX_TEXT),
    policeReport: answerGroup(PoliceReport),
    sharingConsent: answerGroup(SharingConsent),
    tlp: TlpLabel.nullish().transform((v) => v ?? "TLP:AMBER"),
    nis2: Nis2Submission.nullish().transform((v) => v ?? null),
    /** Honeypot: hidden in the form, so only robots fill it in. */
    website: z.string().max(0, "must be empty").optional(),
  })
  .refine((v) => Boolean(v.reporter?.email || v.reporter?.phone), {
    path: ["reporter"],
    message: "give an e-mail address or a telephone number",
    params: { code: "contact_required" },
    when: () => true,
  });
export type ReportSubmission = z.output<typeof ReportSubmission>;
export type ReportSubmissionInput = z.input<typeof ReportSubmission>;

export const ReportReceipt = z.object({
  reference: z.string(),
  followUpToken: z.string(),
  followUpUrl: z.string(),
  receivedAt: z.string(),
});
export type ReportReceipt = z.infer<typeof ReportReceipt>;

/** The sizes the public API accepts, so a form can state them and refuse a too-large file before uploading it. */
export const IntakeLimits = z.object({
  /** Largest single attachment (FYR_MAX_ATTACHMENT_BYTES). */
  maxAttachmentBytes: z.number().int().positive(),
  /** All attachments of one report or follow-up message together (FYR_MAX_REPORT_BYTES). */
  maxReportBytes: z.number().int().positive(),
  /** Largest JSON body, or JSON field of a multipart body (FYR_BODY_LIMIT_BYTES). */
  maxBodyBytes: z.number().int().positive(),
});
export type IntakeLimits = z.infer<typeof IntakeLimits>;

/** A later NIS2 report (notification, intermediate, final, progress) sent with a follow-up message. */
export const Nis2StageInput = z.object({
  stage: Nis2Stage,
  awareAt: optionalTime,
  suspectedMalicious: optionalEnum(YesNoUnknown),
  crossBorderImpact: optionalEnum(YesNoUnknown),
  ongoing: optionalEnum(YesNoUnknown),
});
export type Nis2StageInput = z.output<typeof Nis2StageInput>;

export const FollowUpMessageInput = z.object({
  body: z
    .string()
    .max(MAX_WHAT_HAPPENED)
    .refine((v) => v.trim() !== "", { message: "required", params: { code: "required" } }),
  nis2: Nis2StageInput.nullish().transform((v) => v ?? null),
});
export type FollowUpMessageInput = z.output<typeof FollowUpMessageInput>;

export const Nis2DeadlineKind = z.enum(["early-warning", "cert-initial-feedback", "notification", "progress", "final"]);
export const Nis2DeadlineView = z.object({
  kind: Nis2DeadlineKind,
  /** Who owes it: the reporting entity, or the CERT (its initial feedback, art. 23(5)). */
  party: z.enum(["reporter", "cert"]),
  /** Null while it cannot be known yet (e.g. the final report of an incident still being handled). */
  dueAt: z.string().nullable(),
  metAt: z.string().nullable(),
  overdue: z.boolean(),
});
export type Nis2DeadlineView = z.infer<typeof Nis2DeadlineView>;
export const Nis2StageView = z.object({ stage: Nis2Stage, submittedAt: z.string(), ongoing: YesNoUnknown.nullable() });
export const Nis2View = z.object({
  stages: z.array(Nis2StageView),
  deadlines: z.array(Nis2DeadlineView),
  /** The reporter's next report due, if any. */
  next: Nis2DeadlineView.nullable(),
});
export type Nis2View = z.infer<typeof Nis2View>;

/** Every initial question with the reporter's answer (null: not answered), in the submission's shape. */
export const ReportAnswers = z.object({
  reporter: z.object({
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    role: z.string().nullable(),
  }),
  organisation: z.object({ name: z.string().nullable(), orgNumber: z.string().nullable(), sector: Sector.nullable() }),
  summary: z.string().nullable(),
  whatHappened: z.string(),
  discovery: z.object({ how: z.string().nullable(), discoveredAt: z.string().nullable() }),
  countermeasures: z.string().nullable(),
  ongoing: YesNoUnknown.nullable(),
  dataLeakRisk: YesNoUnknown.nullable(),
  moreAffectedRisk: YesNoUnknown.nullable(),
  helpWanted: z.string().nullable(),
  contactedParties: z.string().nullable(),
  policeReport: z.object({ status: PoliceReportStatus.nullable(), reference: z.string().nullable() }),
  sharingConsent: z.object({
    information: ConsentLevel.nullable(),
    data: ConsentLevel.nullable(),
    logs: ConsentLevel.nullable(),
  }),
  tlp: TlpLabel,
});
export type ReportAnswers = z.infer<typeof ReportAnswers>;

const AttachmentSummary = z.object({ filename: z.string(), size: z.number().int() });
export const FollowUpClosure = z.object({
  at: z.string(),
  outcome: z.enum(["resolved", "rejected"]),
  message: z.string().nullable(),
});
export type FollowUpClosure = z.infer<typeof FollowUpClosure>;

export const FollowUpView = z.object({
  reference: z.string(),
  status: ReportStatus,
  receivedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  messages: z.array(
    z.object({
      from: z.enum(["reporter", "cert"]),
      body: z.string(),
      sentAt: z.string(),
      nis2Stage: Nis2Stage.nullable(),
      attachments: z.array(AttachmentSummary),
    }),
  ),
  /** Files sent with the report itself. */
  attachments: z.array(AttachmentSummary),
  /** Absent once the CERT has closed the case (`closed`): no further NIS2 stage is asked for here. */
  nis2: Nis2View.optional(),
  /**
   * Set when every incident the report is linked to is resolved or rejected: when the last closed, how
   * (resolved if any was), and the CERT's last message sent since then (null: none).
   */
  closed: FollowUpClosure.nullable().optional(),
  /** The report's language: the page opens in it unless this browser chose another. */
  language: ReportLanguage,
  /** What the reporter sent: every initial question with its answer (the token is the access). */
  answers: ReportAnswers,
});
export type FollowUpView = z.infer<typeof FollowUpView>;

export const FollowUpMessageReceipt = z.object({ sentAt: z.string() });
