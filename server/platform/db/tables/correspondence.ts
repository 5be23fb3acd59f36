import type { ColumnType, Generated } from "kysely";

/** Mirrors server/migrations/0008_correspondence.sql. */
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export interface RecipientPgpKeysTable {
  id: Generated<string>;
  email: string;
  armored_key: string;
  fingerprint: string;
  user_ids: TextArray;
  expires_at: Date | null;
  created_at: Date;
  created_by: string | null;
}

export interface IncidentReporterMessagesTable {
  report_message_id: string;
  incident_id: string;
  subject: string;
  to_addresses: TextArray;
  outbox_id: string | null;
  encrypted: ColumnType<boolean, boolean | undefined, boolean>;
  signed: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface IncidentMessageFilesTable {
  id: Generated<string>;
  message_id: string;
  kind: "attachment" | "original";
  filename: string;
  content_type: string;
  sha256: string;
  size: ColumnType<number, number, number>;
  position: ColumnType<number, number | undefined, number>;
}

export interface CorrespondenceTables {
  recipient_pgp_keys: RecipientPgpKeysTable;
  incident_reporter_messages: IncidentReporterMessagesTable;
  incident_message_files: IncidentMessageFilesTable;
}
