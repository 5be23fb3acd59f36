import type { ColumnType, Generated } from "kysely";

/** Mirrors server/migrations/0046_feeds.sql, 0047_feed_runs_queue.sql and 0055_feed_source_fetch.sql. */

type Json<T> = ColumnType<T, string, string>;
type JsonDefault<T> = ColumnType<T, string | undefined, string>;
/** int8: parsed to a JS number by connect.ts. */
type Bigint = ColumnType<number, number, number>;

export type FeedFormat = "shadowserver" | "intelmq" | "csv" | "json";
export type FeedRunVia = "upload" | "api" | "cli" | "mail" | "pull";
export type FeedRunStatus = "queued" | "running" | "done" | "failed";
export type FeedFetchKind = "imap" | "mail" | "url" | "shadowserver-api";

export interface FeedSourcesTable {
  id: Generated<string>;
  name: string;
  format: FeedFormat;
  report_type: string | null;
  column_mapping: Json<unknown> | null;
  expected_every_hours: number | null;
  dedupe_window_hours: ColumnType<number, number | undefined, number>;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  fetch_kind: FeedFetchKind | null;
  fetch_config: JsonDefault<Record<string, unknown>>;
  /** Sealed (secret-box): the IMAP password, or the API key and secret as JSON. */
  fetch_secret: string | null;
  fetch_every_minutes: number | null;
  last_fetch_at: Date | null;
  last_fetch_error: string | null;
  http_etag: string | null;
  http_last_modified: string | null;
  created_at: ColumnType<Date, Date | undefined, Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface FeedRunsTable {
  id: Generated<string>;
  source_id: string;
  file_name: string;
  received_via: FeedRunVia;
  raw_sha256: string | null;
  raw_size: Bigint | null;
  status: ColumnType<FeedRunStatus, FeedRunStatus | undefined, FeedRunStatus>;
  rows_read: ColumnType<number, number | undefined, number>;
  events_stored: ColumnType<number, number | undefined, number>;
  duplicates: ColumnType<number, number | undefined, number>;
  malformed: ColumnType<number, number | undefined, number>;
  matched: ColumnType<number, number | undefined, number>;
  format: FeedFormat | null;
  report_type: string | null;
  malformed_sample: JsonDefault<{ line: number; message: string }[]>;
  error: string | null;
  started_by: string | null;
  started_at: ColumnType<Date, Date | undefined, Date>;
  finished_at: Date | null;
  origin_key: string | null;
  heartbeat_at: Date | null;
  /** Held back from the notifier (a surge), or discarded by staff; null: the notifier takes it. */
  notify_hold: ColumnType<"surge" | "discarded" | null, "surge" | "discarded" | null | undefined>;
}

export interface FeedSeenTable {
  source_id: string;
  event_hash: Buffer;
  time_bucket: Bigint;
  seen_at: ColumnType<Date, Date | undefined, Date>;
}

export interface FeedEventsTable {
  id: Generated<string>;
  time_source: Date;
  run_id: string;
  source_id: string;
  line: number | null;
  classification_taxonomy: string;
  classification_type: string;
  classification_identifier: string | null;
  source_ip: string | null;
  source_network: string | null;
  source_port: number | null;
  source_asn: Bigint | null;
  source_fqdn: string | null;
  destination_ip: string | null;
  organisation_id: string | null;
  matched_by: string | null;
  fields: Json<Record<string, string | number>>;
  extra: JsonDefault<Record<string, string>>;
}

export interface FeedTables {
  feed_sources: FeedSourcesTable;
  feed_runs: FeedRunsTable;
  feed_seen: FeedSeenTable;
  feed_events: FeedEventsTable;
}
