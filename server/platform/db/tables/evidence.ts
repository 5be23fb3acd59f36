import type { ColumnType } from "kysely";
import type { CaseFileKind, ReceivedVia } from "../../../../contract/evidence.js";
import type { MailAuthVerdict } from "./intake.js";

/** Mirrors server/migrations/0034_evidence.sql. */

/** The view of every file a case holds (read only). */
export interface CaseFilesView {
  id: string;
  kind: CaseFileKind;
  case_kind: "report" | "incident";
  case_id: string;
  message_id: string | null;
  filename: string;
  declared_type: string;
  sha256: string;
  size: number;
  received_at: Date;
  received_via: ReceivedVia;
  mail_source: "smtp" | "imap" | "import" | null;
  sender_address: string | null;
  sender_name: string | null;
  received_by: string | null;
  mail_auth: MailAuthVerdict | null;
  position: number;
}

type Json<T> = ColumnType<T, string, string>;

export interface FileProfilesTable {
  sha256: string;
  sha1: string;
  md5: string;
  size: ColumnType<number, number, number>;
  detected_type: string | null;
  detected_ext: string | null;
  text_like: boolean;
  executable: boolean;
  archive: Json<unknown> | null;
  message: Json<unknown> | null;
  version: number;
  identified_at: Date;
}

export interface FileSamplesTable {
  file_id: string;
  file_kind: CaseFileKind;
  case_kind: "report" | "incident";
  case_id: string;
  sha256: string;
  reason: string;
  marked_by: string | null;
  marked_at: Date;
}

export type CustodyEventKind = "downloaded" | "exported" | "marked_sample" | "custody_record" | "verified" | "deleted";

export interface FileCustodyEventsTable {
  id: string;
  file_id: string;
  file_kind: CaseFileKind;
  case_kind: "report" | "incident";
  case_id: string;
  sha256: string;
  filename: string;
  size: ColumnType<number, number, number>;
  event: CustodyEventKind;
  at: Date;
  actor_id: string | null;
  actor_name: string;
  actor_email: string | null;
  ip: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface EvidenceTables {
  case_files: CaseFilesView;
  file_profiles: FileProfilesTable;
  file_samples: FileSamplesTable;
  file_custody_events: FileCustodyEventsTable;
}
