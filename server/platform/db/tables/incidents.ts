import type { ColumnType, Generated } from "kysely";
import type { MailAuthVerdict, MailVerifiedBy, TlpLabel } from "./intake.js";

/** Mirrors server/migrations/0006_incidents.sql. */
export type IncidentStatus = "new" | "open" | "stalled" | "resolved" | "rejected";
export type Severity = "critical" | "high" | "medium" | "low";
export type PapLabel = "PAP:CLEAR" | "PAP:GREEN" | "PAP:AMBER" | "PAP:RED";
export type IncidentEventKind =
  | "note"
  | "created"
  | "status"
  | "field"
  | "assignment"
  | "member"
  | "report_linked"
  | "report_unlinked"
  | "message_out"
  | "message_in"
  | "task"
  | "playbook"
  | "attachment"
  | "yara_match";
export type TaskStatus = "open" | "done" | "cancelled";
type Bigint = ColumnType<number, number, number>;
/** A stored generated tsvector: read in SQL only, never written. */
type SearchVector = ColumnType<string, never, never>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type Json<T> = ColumnType<T, string, string>;

export interface IncidentsTable {
  id: Generated<string>;
  reference: string;
  title: string;
  status: ColumnType<IncidentStatus, IncidentStatus | undefined, IncidentStatus>;
  severity: Severity;
  rsit_class: string | null;
  rsit_type: string | null;
  rsit_version: number | null;
  sectors: TextArray;
  affected_organisations: TextArray;
  tlp: ColumnType<TlpLabel, TlpLabel | undefined, TlpLabel>;
  pap: ColumnType<PapLabel, PapLabel | undefined, PapLabel>;
  assignee_id: string | null;
  due_at: Date | null;
  sla_paused_at: Date | null;
  resolution: string | null;
  reported_at: Date | null;
  acknowledged_at: Date | null;
  first_response_at: Date | null;
  contained_at: Date | null;
  resolved_at: Date | null;
  rejected_at: Date | null;
  created_at: Date;
  created_by: string | null;
  updated_at: Date;
  version: Generated<number>;
  search: SearchVector;
}

export interface IncidentReportsTable {
  incident_id: string;
  report_id: string;
  linked_at: Date;
  linked_by: string | null;
}

export interface IncidentMembersTable {
  incident_id: string;
  user_id: string;
  added_at: Date;
  added_by: string | null;
}

export interface IncidentEventsTable {
  id: Generated<string>;
  incident_id: string;
  kind: IncidentEventKind;
  occurred_at: Date;
  recorded_at: Date;
  author_id: string | null;
  body: string | null;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  search: SearchVector;
}

export interface PlaybookTaskTemplate {
  title: { sv: string; en: string };
  checklist: { sv: string; en: string }[];
}

export interface PlaybooksTable {
  id: Generated<string>;
  rsit_class: string | null;
  name_sv: string;
  name_en: string;
  description_sv: ColumnType<string, string | undefined, string>;
  description_en: ColumnType<string, string | undefined, string>;
  tasks: Json<PlaybookTaskTemplate[]>;
  created_at: Date;
  updated_at: Date;
  archived_at: Date | null;
  version: Generated<number>;
}

export interface IncidentTasksTable {
  id: Generated<string>;
  incident_id: string;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  status: ColumnType<TaskStatus, TaskStatus | undefined, TaskStatus>;
  assignee_id: string | null;
  due_at: Date | null;
  playbook_id: string | null;
  position: number;
  created_at: Date;
  created_by: string | null;
  done_at: Date | null;
  done_by: string | null;
  version: Generated<number>;
}

export interface IncidentTaskItemsTable {
  id: Generated<string>;
  task_id: string;
  label: string;
  position: number;
  done_at: Date | null;
  done_by: string | null;
}

export interface IncidentThreadsTable {
  id: Generated<string>;
  incident_id: string;
  counterpart: string;
  addresses: TextArray;
  created_at: Date;
  created_by: string | null;
}

export interface IncidentMessagesTable {
  id: Generated<string>;
  incident_id: string;
  thread_id: string;
  direction: "out" | "in";
  from_address: string | null;
  to_addresses: TextArray;
  subject: string;
  body: string;
  outbox_id: string | null;
  mail_message_id: string | null;
  encrypted: ColumnType<boolean, boolean | undefined, boolean>;
  signed: ColumnType<boolean, boolean | undefined, boolean>;
  author_id: string | null;
  sent_at: Date;
  search: SearchVector;
  /** Migration 0016: an inbound message's headers, content hash, trusted verdict and how it was tied to the thread. */
  mail_headers: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  mail_content_sha256: ColumnType<string | null, string | null | undefined, string | null>;
  mail_auth: ColumnType<MailAuthVerdict | null, string | null | undefined, string | null>;
  mail_verified_by: ColumnType<MailVerifiedBy | null, MailVerifiedBy | null | undefined, MailVerifiedBy | null>;
}

export interface AdviceTemplatesTable {
  id: Generated<string>;
  key: string;
  language: "sv" | "en";
  name: string;
  subject: string;
  body: string;
  updated_at: Date;
  archived_at: Date | null;
}

export interface IncidentAttachmentsTable {
  id: Generated<string>;
  incident_id: string;
  filename: string;
  content_type: string;
  sha256: string;
  size: Bigint;
  uploaded_by: string | null;
  created_at: Date;
}

export interface SavedViewsTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  filters: ColumnType<Record<string, unknown>, string, string>;
  created_at: Date;
}

/** Mirrors server/migrations/0045_incident_organisations.sql: registry organisations an incident affects. */
export interface IncidentOrganisationsTable {
  incident_id: string;
  organisation_id: string;
  source: "suggested" | "manual";
  accepted: boolean;
  added_by: string | null;
  added_at: Date;
}

export interface IncidentTables {
  incidents: IncidentsTable;
  incident_reports: IncidentReportsTable;
  incident_members: IncidentMembersTable;
  incident_events: IncidentEventsTable;
  playbooks: PlaybooksTable;
  incident_tasks: IncidentTasksTable;
  incident_task_items: IncidentTaskItemsTable;
  incident_threads: IncidentThreadsTable;
  incident_messages: IncidentMessagesTable;
  advice_templates: AdviceTemplatesTable;
  incident_attachments: IncidentAttachmentsTable;
  saved_views: SavedViewsTable;
  incident_organisations: IncidentOrganisationsTable;
}
