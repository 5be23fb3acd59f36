import type { ColumnType, Generated } from "kysely";

/** Mirrors server/migrations/0003_intake.sql. */
export type ReportStatus = "new" | "acknowledged" | "linked" | "rejected";
export type ReportChannel = "web" | "api" | "phone" | "email";
export type YesNoUnknown = "yes" | "no" | "unknown";
export type PoliceReportStatus = "yes" | "no" | "planned";
export type SharingConsent = "none" | "affected-organisations" | "third-parties";
export type TlpLabel = "TLP:CLEAR" | "TLP:GREEN" | "TLP:AMBER" | "TLP:AMBER+STRICT" | "TLP:RED";
export type Nis2StageName = "early-warning" | "notification" | "intermediate" | "final" | "progress";
export type PgpSignature = "valid" | "invalid" | "unknown_key" | "none";
export type RejectReason = "spam" | "duplicate" | "other";
type Bigint = ColumnType<number, number, number>;
export type MailVerdict = string;
/** What a trusted receiving MTA's Authentication-Results header said (RFC 8601); null per method not reported. */
export interface MailAuthVerdict {
  authservId: string;
  spf: MailVerdict | null;
  dkim: MailVerdict | null;
  dmarc: MailVerdict | null;
}
/** How an inbound reply was tied to its thread. */
export type MailVerifiedBy = "token" | "sender";

export interface ReportsTable {
  id: Generated<string>;
  reference: string;
  status: ColumnType<ReportStatus, ReportStatus | undefined, ReportStatus>;
  channel: ReportChannel;
  language: ColumnType<"sv" | "en", "sv" | "en" | undefined, "sv" | "en">;
  reporter_name: string | null;
  reporter_email: string | null;
  reporter_phone: string | null;
  reporter_role: string | null;
  organisation_name: string | null;
  organisation_number: string | null;
  organisation_sector: string | null;
  summary: string | null;
  what_happened: string;
  discovery_how: string | null;
  discovered_at: Date | null;
  countermeasures: string | null;
  ongoing: YesNoUnknown | null;
  data_leak_risk: YesNoUnknown | null;
  more_affected_risk: YesNoUnknown | null;
  help_wanted: string | null;
  contacted_parties: string | null;
  police_report_status: PoliceReportStatus | null;
  police_report_reference: string | null;
  sharing_information: SharingConsent | null;
  sharing_data: SharingConsent | null;
  sharing_logs: SharingConsent | null;
  tlp: ColumnType<TlpLabel, TlpLabel | undefined, TlpLabel>;
  nis2_applies: boolean | null;
  nis2_aware_at: Date | null;
  nis2_suspected_malicious: YesNoUnknown | null;
  nis2_cross_border_impact: YesNoUnknown | null;
  nis2_trust_service_provider: boolean | null;
  follow_up_token_hash: string;
  received_at: Date;
  registered_by: string | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  rejected_at: Date | null;
  rejected_by: string | null;
  rejected_reason: RejectReason | null;
  rejected_note: string | null;
  mail_message_id: string | null;
  mail_headers: ColumnType<Record<string, string> | null, string | null, string | null>;
  raw_sha256: string | null;
  raw_size: ColumnType<number | null, number | null, number | null>;
  pgp_encrypted: boolean | null;
  pgp_signature: PgpSignature | null;
  /** How much of the message could be read (migration 0017); null when not mailed. */
  mail_read_level: MailReadLevel | null;
  mail_skipped_parts: number | null;
  /** Files of the message left out over a size limit (migration 0017). */
  mail_files_not_stored: ColumnType<MailFileNotStored[] | null, string | null, string | null>;
  /** Migration 0016: mail provenance (content hash, trusted Authentication-Results, flags for duty). */
  mail_content_sha256: string | null;
  mail_auth: ColumnType<MailAuthVerdict | null, string | null, string | null>;
  mail_message_id_reused: ColumnType<boolean, boolean | undefined, boolean>;
  mail_unverified_reference: string | null;
  /** tsvector written by the search indexer only (migration 0030); null until it has passed. Read in SQL only. */
  search: ColumnType<string | null, never, never>;
  /** 0110: when retention removed the reporter's contact details, and the reporter's own texts. */
  contacts_removed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  texts_removed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type MailReadLevel = "full" | "partial" | "headers-rebuilt" | "raw-text";

export interface MailFileNotStored {
  filename: string;
  contentType: string;
  size: number;
  reason: "file_too_large" | "report_too_large";
}

export interface ReportMessagesTable {
  id: Generated<string>;
  report_id: string;
  author: "reporter" | "cert";
  author_user_id: string | null;
  body: string;
  via: "web" | "email" | "console";
  mail_message_id: string | null;
  nis2_stage: Nis2StageName | null;
  sent_at: Date;
  seq: Generated<number>;
  /** Migration 0016: a mailed reply keeps its real sender, raw message and headers like a first message. */
  from_address: ColumnType<string | null, string | null | undefined, string | null>;
  mail_headers: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  raw_sha256: ColumnType<string | null, string | null | undefined, string | null>;
  raw_size: ColumnType<number | null, number | null | undefined, number | null>;
  mail_content_sha256: ColumnType<string | null, string | null | undefined, string | null>;
  mail_auth: ColumnType<MailAuthVerdict | null, string | null | undefined, string | null>;
  mail_verified_by: ColumnType<MailVerifiedBy | null, MailVerifiedBy | null | undefined, MailVerifiedBy | null>;
  /** Stored generated tsvector (migration 0010): read in SQL only. */
  search: ColumnType<string, never, never>;
}

export interface ReportAttachmentsTable {
  id: Generated<string>;
  report_id: string;
  message_id: string | null;
  filename: string;
  content_type: string;
  sha256: string;
  size: Bigint;
  position: Generated<number>;
  created_at: Date;
}

export interface ReportNis2StagesTable {
  id: Generated<string>;
  report_id: string;
  message_id: string | null;
  stage: Nis2StageName;
  submitted_at: Date;
  aware_at: Date | null;
  suspected_malicious: YesNoUnknown | null;
  cross_border_impact: YesNoUnknown | null;
  ongoing: YesNoUnknown | null;
}

export interface IntakeTables {
  reports: ReportsTable;
  report_messages: ReportMessagesTable;
  report_attachments: ReportAttachmentsTable;
  report_nis2_stages: ReportNis2StagesTable;
  mail_arrivals: MailArrivalsTable;
}

/** Every inbound message that arrived (migration 0016), duplicates included. */
export interface MailArrivalsTable {
  id: Generated<string>;
  message_id: string;
  content_sha256: string;
  raw_sha256: string;
  raw_size: ColumnType<number, number, number>;
  source: "import" | "smtp" | "imap";
  outcome: "created" | "threaded" | "incident" | "duplicate" | "notification";
  reference: string | null;
  report_id: string | null;
  received_at: Date;
}
