import type { ColumnType, Generated } from "kysely";

/** Mirrors server/migrations/0001_platform.sql, 0004_audit_head.sql and 0020_audit_sealer.sql. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json = unknown;

export interface AppSettingsTable {
  key: string;
  value: ColumnType<Json, string, string>;
  updated_at: Generated<Date>;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Date;
  actor_id: string | null;
  actor: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  diff: ColumnType<Json, string | null, string | null>;
  ip: string | null;
  /** Null until sealed (platform/audit-sealer.ts). */
  prev_hash: string | null;
  hash: string | null;
  /** The writing transaction's id (xid8, as text); null for entries chained before 0020. */
  xid: Generated<string | null>;
  /** Position in the sealed chain, from 1; null until sealed. */
  seq: number | null;
  written_at: Generated<Date | null>;
}

/** The single row holding the sealed chain's last link and its signature; only the sealer moves it. */
export interface AuditHeadTable {
  id: Generated<boolean>;
  prev_hash: string;
  hash: string;
  seq: ColumnType<number, number | undefined, number>;
  xid: string | null;
  signed_at: Date | null;
  key_id: string | null;
  mac: string | null;
}

export type JobStatus = "queued" | "running" | "done" | "failed";

export interface JobsTable {
  id: Generated<number>;
  name: string;
  payload: ColumnType<Json, string, string>;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  run_at: Generated<Date>;
  /** Lower runs first (0037): mail 10, default 100, bulk background work 200. */
  priority: Generated<number>;
  locked_by: string | null;
  locked_at: Date | null;
  last_error: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  finished_at: Date | null;
}

export type MailStatus = "queued" | "sent" | "kept" | "failed";

/** A file sent with a message, its content as text (a CSV, an armored OpenPGP file). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface MailMessagesTable {
  id: Generated<string>;
  recipients: string[];
  subject: string;
  text_body: string;
  headers: ColumnType<Record<string, string>, string | undefined, string>;
  /** Files sent with the message (0048): name, type, text content. */
  attachments: ColumnType<MailAttachment[], string | undefined, string>;
  status: ColumnType<MailStatus, MailStatus | undefined, MailStatus>;
  smtp_message_id: string | null;
  error: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
  /** 0110: when retention emptied the message (recipients, text, files). */
  content_removed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface PlatformTables {
  app_settings: AppSettingsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  jobs: JobsTable;
  mail_messages: MailMessagesTable;
}
