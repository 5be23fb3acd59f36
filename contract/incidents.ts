import { z } from "zod";
import { PageOf } from "./page.js";
import { ConsentLevel, MAX_SHORT_TEXT, MAX_TEXT, Nis2View, PoliceReportStatus, Sector, TlpLabel } from "./intake.js";

// The incident workspace as staff and scripts see it (api-v1.md: /api/v1/incidents). Incidents are
// built from reports, which stay linked (never merged) and keep their own history.

export const IncidentStatus = z.enum(["new", "open", "stalled", "resolved", "rejected"]);
export type IncidentStatus = z.infer<typeof IncidentStatus>;
export const Severity = z.enum(["critical", "high", "medium", "low"]);
export type Severity = z.infer<typeof Severity>;
export const PapLabel = z.enum(["PAP:CLEAR", "PAP:GREEN", "PAP:AMBER", "PAP:RED"]);
export type PapLabel = z.infer<typeof PapLabel>;

export const INCIDENT_REFERENCE_MAX = 40;
export const IncidentReferenceParams = z.object({ reference: z.string().min(1).max(INCIDENT_REFERENCE_MAX) });

/** An RSIT class and type, as the machinetag names them ("malicious-code", "infected-system"); see rsit.ts. */
export const Classification = z.object({
  class: z.string().min(1).max(100),
  type: z.string().min(1).max(100),
});
export type Classification = z.infer<typeof Classification>;

const Title = z.string().trim().min(1).max(300);
const ShortList = z.array(z.string().trim().min(1).max(MAX_SHORT_TEXT)).max(50);

export const IncidentCreate = z.object({
  title: Title,
  /** Report references to link at once; may be empty (an incident from nothing). */
  reports: z.array(z.string().min(1).max(40)).max(100).default([]),
  severity: Severity.default("medium"),
  classification: Classification.nullish(),
  /** Default: the strictest TLP of the linked reports, else TLP:AMBER. */
  tlp: TlpLabel.optional(),
  pap: PapLabel.optional(),
  sectors: z.array(Sector).max(30).default([]),
  affectedOrganisations: ShortList.default([]),
  /** A user id; default nobody. */
  assigneeId: z.uuid().nullish(),
  /** Playbook to apply at once (its tasks are added). */
  playbookId: z.uuid().optional(),
  /** The language the playbook's tasks are written in (default Swedish). */
  playbookLanguage: z.enum(["sv", "en"]).optional(),
});
export type IncidentCreate = z.infer<typeof IncidentCreate>;

/** A PATCH names the version it read (optimistic concurrency): a stale version is a 409. */
export const IncidentPatch = z
  .object({
    version: z.number().int().min(1),
    title: Title.optional(),
    status: IncidentStatus.optional(),
    severity: Severity.optional(),
    classification: Classification.nullable().optional(),
    tlp: TlpLabel.optional(),
    pap: PapLabel.optional(),
    sectors: z.array(Sector).max(30).optional(),
    affectedOrganisations: ShortList.optional(),
    assigneeId: z.uuid().nullable().optional(),
    resolution: z.string().max(MAX_TEXT).nullable().optional(),
    /** KPI: when the incident was contained (set by hand; null clears). */
    containedAt: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .strict();
export type IncidentPatch = z.infer<typeof IncidentPatch>;

export const IncidentMemberInput = z.object({ userId: z.uuid() });
export const IncidentMemberParams = z.object({
  reference: z.string().min(1).max(INCIDENT_REFERENCE_MAX),
  userId: z.uuid(),
});

export const LinkReportInput = z.object({ reference: z.string().min(1).max(40) });
export const IncidentReportParams = z.object({
  reference: z.string().min(1).max(INCIDENT_REFERENCE_MAX),
  report: z.string().min(1).max(40),
});

export const UserRef = z.object({ id: z.string(), name: z.string(), email: z.string() });
export type UserRef = z.infer<typeof UserRef>;

/** Active staff who read incidents, for the assignee and member pickers (GET /api/v1/incidents/people). */
export const CaseStaff = z.object({
  items: z.array(UserRef.extend({ roles: z.array(z.string()), worksCases: z.boolean() })),
});
export type CaseStaff = z.infer<typeof CaseStaff>;

/** The dueness of an incident against its severity's SLA. */
export const IncidentClock = z.object({
  dueAt: z.string().nullable(),
  /** Set while stalled: the SLA clock is paused. */
  pausedAt: z.string().nullable(),
  overdue: z.boolean(),
});

/** A linked report as the incident page lists it. */
export const LinkedReport = z.object({
  reference: z.string(),
  summary: z.string().nullable(),
  organisationName: z.string().nullable(),
  receivedAt: z.string(),
  linkedAt: z.string(),
  tlp: TlpLabel,
  reporterEmail: z.string().nullable(),
  language: z.enum(["sv", "en"]),
});

/** Consent to share, the most restrictive over the linked reports (null: nobody said). */
export const SharingConsentView = z.object({
  information: ConsentLevel.nullable(),
  data: ConsentLevel.nullable(),
  logs: ConsentLevel.nullable(),
});

export const IncidentKpis = z.object({
  reportedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  firstResponseAt: z.string().nullable(),
  containedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});

export const IncidentDetail = z.object({
  reference: z.string(),
  version: z.number().int(),
  title: z.string(),
  status: IncidentStatus,
  severity: Severity,
  classification: Classification.nullable(),
  /** The RSIT taxonomy version the classification was chosen from. */
  taxonomyVersion: z.number().int().nullable(),
  sectors: z.array(z.string()),
  affectedOrganisations: z.array(z.string()),
  tlp: TlpLabel,
  pap: PapLabel,
  assignee: UserRef.nullable(),
  members: z.array(UserRef),
  resolution: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  ...IncidentClock.shape,
  reports: z.array(LinkedReport),
  policeReports: z.array(
    z.object({ report: z.string(), status: PoliceReportStatus, reference: z.string().nullable() }),
  ),
  sharingConsent: SharingConsentView,
  /** The NIS2 clock of the linked report that has one (the earliest aware time). */
  nis2: Nis2View.extend({ report: z.string() }).nullable(),
  kpis: IncidentKpis,
  /** What the viewer may do here (the console hides what it may not). */
  canEdit: z.boolean(),
  /** The statuses the incident may move to from its current one (illegal moves answer 409). */
  nextStatuses: z.array(IncidentStatus),
});
export type IncidentDetail = z.infer<typeof IncidentDetail>;

export const NoteInput = z.object({
  body: z
    .string()
    .trim()
    .min(1)
    .max(MAX_TEXT * 5),
  /** When it happened; default now. */
  occurredAt: z.iso.datetime({ offset: true }).optional(),
});
export type NoteInput = z.infer<typeof NoteInput>;

export const TimelineKind = z.enum([
  "note",
  "created",
  "status",
  "field",
  "assignment",
  "member",
  "report_linked",
  "report_unlinked",
  "message_out",
  "message_in",
  "task",
  "playbook",
  "attachment",
  /** A YARA rule matched one of the incident's files (or a linked report's): features/yara. */
  "yara_match",
  /** The reporter's conversation on a linked report (report_messages), merged into the timeline. */
  "reporter_message",
  "cert_message",
]);
export type TimelineKind = z.infer<typeof TimelineKind>;

export const TimelineEntry = z.object({
  id: z.string(),
  kind: TimelineKind,
  occurredAt: z.string(),
  recordedAt: z.string(),
  author: z.string().nullable(),
  body: z.string().nullable(),
  /** Structured facts of a system event (from/to status, report reference, thread, …). */
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const TimelinePage = PageOf(TimelineEntry);
export type TimelinePage = z.infer<typeof TimelinePage>;

export const TimelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(200),
  cursor: z.string().max(300).optional(),
});

/** A file attached to an incident (same content-addressed store as report attachments; downloaded, never shown). */
export const IncidentAttachment = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
export type IncidentAttachment = z.infer<typeof IncidentAttachment>;

export const IncidentAttachmentList = z.object({ items: z.array(IncidentAttachment) });
export type IncidentAttachmentList = z.infer<typeof IncidentAttachmentList>;

export const IncidentAttachmentParams = z.object({
  reference: z.string().min(1).max(INCIDENT_REFERENCE_MAX),
  id: z.uuid(),
});
