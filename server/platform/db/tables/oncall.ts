import type { ColumnType, Generated } from "kysely";

/** Mirrors server/migrations/0075_oncall.sql. */

type Defaulted<T> = ColumnType<T, T | undefined, T>;
export type OncallRole = "primary" | "backup";
export type OncallTrigger = "report-overdue" | "nis2-deadline" | "critical-feed" | "operations-alarm";
export type OncallChannel = "email" | "sms" | "webhook";
export type DeliveryStatus = "queued" | "sent" | "failed";
export type AckMethod = "link" | "mail" | "console" | "api" | "resolved";

export interface OncallPeopleTable {
  user_id: string;
  phone: string | null;
  updated_at: Defaulted<Date>;
}

export interface OncallPatternsTable {
  id: Generated<string>;
  user_id: string;
  role: OncallRole;
  weekday: number;
  start_time: string;
  end_time: string;
  valid_from: ColumnType<string, string, string>;
  valid_until: ColumnType<string, string, string>;
  created_by: string | null;
  created_at: Defaulted<Date>;
}

export interface OncallShiftsTable {
  id: Generated<string>;
  user_id: string;
  role: OncallRole;
  starts_at: Date;
  ends_at: Date;
  pattern_id: string | null;
  on_date: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: Defaulted<Date>;
  reminded_day_at: Defaulted<Date | null>;
  reminded_hour_at: Defaulted<Date | null>;
}

export interface OncallPatternExceptionsTable {
  pattern_id: string;
  on_date: ColumnType<string, string, string>;
}

export interface OncallSwapsTable {
  id: Generated<string>;
  shift_id: string;
  from_user_id: string;
  to_user_id: string;
  status: Defaulted<"requested" | "accepted" | "declined" | "cancelled">;
  created_at: Defaulted<Date>;
  decided_at: Date | null;
  decided_by: string | null;
}

export interface OncallHandoversTable {
  id: Generated<string>;
  from_user_id: string;
  to_user_id: string;
  note: string;
  prefill: ColumnType<unknown, string, string>;
  created_at: Defaulted<Date>;
  acknowledged_at: Date | null;
}

export interface OncallCalendarTokensTable {
  user_id: string;
  token_sha256: Buffer;
  created_at: Defaulted<Date>;
}

export interface OncallPoliciesTable {
  id: string;
  trigger: OncallTrigger;
  sectors: Defaulted<string[]>;
  steps: ColumnType<unknown, string, string>;
  loops: Defaulted<number>;
  updated_by: string | null;
  updated_at: Defaulted<Date>;
}

export interface OncallEscalationsTable {
  id: Generated<string>;
  trigger: OncallTrigger;
  subject_key: string;
  subject_ref: string;
  title: Defaulted<string>;
  policy_id: string;
  priority: Defaulted<number>;
  started_at: Date;
  next_step: Defaulted<number>;
  next_loop: Defaulted<number>;
  next_at: Date | null;
  acknowledged_at: Defaulted<Date | null>;
  acknowledged_by: Defaulted<string | null>;
  ack_method: Defaulted<AckMethod | null>;
}

export interface OncallPagesTable {
  id: Generated<string>;
  escalation_id: string;
  step: number;
  loop: number;
  created_at: Date;
  status: Defaulted<DeliveryStatus | "skipped">;
}

export interface OncallDeliveriesTable {
  id: Generated<string>;
  page_id: string;
  user_id: string | null;
  channel: OncallChannel;
  target: Defaulted<string>;
  status: Defaulted<DeliveryStatus>;
  error: Defaulted<string | null>;
  outbox_id: Defaulted<string | null>;
  updated_at: Date;
}

export interface OncallAckTokensTable {
  token_sha256: Buffer;
  escalation_id: string;
  user_id: string | null;
  language: Defaulted<"sv" | "en">;
  expires_at: Date;
  used_at: Defaulted<Date | null>;
}

export interface OncallTables {
  oncall_people: OncallPeopleTable;
  oncall_patterns: OncallPatternsTable;
  oncall_shifts: OncallShiftsTable;
  oncall_pattern_exceptions: OncallPatternExceptionsTable;
  oncall_swaps: OncallSwapsTable;
  oncall_handovers: OncallHandoversTable;
  oncall_calendar_tokens: OncallCalendarTokensTable;
  oncall_policies: OncallPoliciesTable;
  oncall_escalations: OncallEscalationsTable;
  oncall_pages: OncallPagesTable;
  oncall_deliveries: OncallDeliveriesTable;
  oncall_ack_tokens: OncallAckTokensTable;
}
