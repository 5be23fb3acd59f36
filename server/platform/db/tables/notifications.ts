import type { ColumnType, Generated } from "kysely";
import type { NotificationInterval } from "../../../../contract/constituency.js";

/** Mirrors server/migrations/0048_notifications.sql and 0049_notification_advice.sql. */

export interface NotificationCollectedRunsTable {
  run_id: string;
  collected_at: Generated<Date>;
}

export interface NotificationPendingTable {
  organisation_id: string;
  event_time: Date;
  event_id: string;
  classification_type: string;
  collected_at: Generated<Date>;
}

export interface NotificationsTable {
  id: Generated<string>;
  reference: string;
  organisation_id: string;
  interval: NotificationInterval;
  language: "sv" | "en";
  subject: string;
  body: string;
  csv: string;
  event_count: number;
  inhibited_count: ColumnType<number, number | undefined, number>;
  first_event_at: Date;
  last_event_at: Date;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface NotificationEventsTable {
  notification_id: string;
  event_time: Date;
  event_id: string;
  classification_type: string;
}

export interface NotificationDeliveriesTable {
  id: Generated<string>;
  notification_id: string;
  outbox_id: string | null;
  recipients: string[];
  encrypted: ColumnType<boolean, boolean | undefined, boolean>;
  signed: ColumnType<boolean, boolean | undefined, boolean>;
  bounced_at: Date | null;
  bounce_reason: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface NotificationFailingAddressesTable {
  address: string;
  organisation_id: string;
  reason: string;
  notification_id: string | null;
  failed_at: Date;
}

export interface NotificationRepliesTable {
  id: Generated<string>;
  notification_id: string;
  from_address: string | null;
  subject: string;
  body: string;
  message_id: string;
  raw_sha256: string;
  received_at: Date;
}

export interface NotificationAdviceTable {
  key: string;
  title_sv: string;
  title_en: string;
  body_sv: string;
  body_en: string;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface NotificationTables {
  notification_collected_runs: NotificationCollectedRunsTable;
  notification_pending: NotificationPendingTable;
  notifications: NotificationsTable;
  notification_events: NotificationEventsTable;
  notification_deliveries: NotificationDeliveriesTable;
  notification_failing_addresses: NotificationFailingAddressesTable;
  notification_replies: NotificationRepliesTable;
  notification_advice: NotificationAdviceTable;
}
