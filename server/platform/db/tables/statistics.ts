import type { ColumnType } from "kysely";

/** Mirrors server/migrations/0100_statistics.sql: the statistics read model. */
export interface StatisticsCaseFactsTable {
  case_id: string;
  kind: "report" | "incident";
  started_at: Date;
  channel: string | null;
  severity: string | null;
  rsit_class: string | null;
  rsit_version: number | null;
  sectors: ColumnType<string[], string[] | undefined, string[]>;
  nis2: boolean;
  ack_seconds: number | null;
  first_response_seconds: number | null;
  containment_seconds: number | null;
  resolution_seconds: number | null;
  nis2_deadlines: ColumnType<{ kind: string; party: string; state: string }[], string, string>;
  refreshed_at: Date;
}

export interface StatisticsWatermarkTable {
  singleton: ColumnType<boolean, boolean | undefined, boolean>;
  audit_id: ColumnType<number, number, number>;
}

export interface StatisticsDailyEventsTable {
  day: ColumnType<string, string, string>;
  event_type: string;
  events: ColumnType<number, number, number>;
}

export interface StatisticsCountedRunsTable {
  run_id: string;
  counted_at: Date;
}

export interface StatisticsTables {
  statistics_case_facts: StatisticsCaseFactsTable;
  statistics_watermark: StatisticsWatermarkTable;
  statistics_daily_events: StatisticsDailyEventsTable;
  statistics_counted_runs: StatisticsCountedRunsTable;
}
