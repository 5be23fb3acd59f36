import type { ColumnType, Generated } from "kysely";
import type { ConsentLevel, TlpLabel } from "../../../../contract/intake.js";
import type { MaterialKind, ParticipantRole, ParticipantStatus } from "../../../../contract/coordination.js";

/** The answers of initial question 8 (null: not answered, which is no consent). */
export interface ReportConsent {
  information: ConsentLevel | null;
  data: ConsentLevel | null;
  logs: ConsentLevel | null;
}

/** Mirrors server/migrations/0080_coordination.sql. */

type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface CoordinationCasesTable {
  id: Generated<string>;
  reference: string;
  title: string;
  summary: Defaulted<string>;
  tlp: TlpLabel;
  status: Defaulted<"open" | "closed">;
  incident_id: string | null;
  embargo_until: Date | null;
  embargo_reminded_at: Date | null;
  coordinator_id: string;
  created_at: Date;
  updated_at: Date;
}

export interface CoordinationParticipantsTable {
  id: Generated<string>;
  case_id: string;
  organisation_id: string;
  role: ParticipantRole;
  status: Defaulted<ParticipantStatus>;
  statement: Defaulted<string>;
  sees_participants: Defaulted<boolean>;
  notified_at: Date | null;
  notified_addresses: Defaulted<string[]>;
  first_viewed_at: Date | null;
  first_viewed_by: string | null;
  created_at: Defaulted<Date>;
}

export interface CoordinationStatusHistoryTable {
  id: Generated<string>;
  participant_id: string;
  status: ParticipantStatus;
  statement: Defaulted<string>;
  changed_by: string | null;
  changed_via: "coordinator" | "member" | "mail";
  changed_at: Date;
}

export interface CoordinationPostsTable {
  id: Generated<string>;
  case_id: string;
  thread_id: string | null;
  author_user_id: string | null;
  author_participant_id: string | null;
  author_email: string | null;
  body: string;
  tlp: TlpLabel;
  to_all: boolean;
  pinned: Defaulted<boolean>;
  mail_message_id: string | null;
  created_at: Date;
}

export interface CoordinationPostRecipientsTable {
  post_id: string;
  participant_id: string;
}

export interface CoordinationPostFilesTable {
  id: Generated<string>;
  post_id: string;
  filename: string;
  content_type: string;
  sha256: string;
  size: ColumnType<number, number, number>;
  created_at: Defaulted<Date>;
}

export interface CoordinationPostMaterialTable {
  id: Generated<string>;
  post_id: string;
  report_reference: string;
  kind: MaterialKind;
  report_tlp: TlpLabel;
  consent: ColumnType<ReportConsent, string, string>;
  content: ColumnType<unknown, string, string>;
}

export interface CoordinationMailTable {
  outbox_id: string;
  case_id: string;
  participant_id: string;
  thread_id: string | null;
  email: string;
  created_at: Defaulted<Date>;
}

export interface CoordinationTables {
  coordination_cases: CoordinationCasesTable;
  coordination_participants: CoordinationParticipantsTable;
  coordination_status_history: CoordinationStatusHistoryTable;
  coordination_posts: CoordinationPostsTable;
  coordination_post_recipients: CoordinationPostRecipientsTable;
  coordination_post_files: CoordinationPostFilesTable;
  coordination_post_material: CoordinationPostMaterialTable;
  coordination_mail: CoordinationMailTable;
}
