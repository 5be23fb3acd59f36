/** Mirrors server/migrations/0033_observable_tags.sql: tags on values (and the cases each was given on), the index's summary. */

export interface ObservableTagsTable {
  observable_id: number;
  tag: string;
  added_by: string | null;
  added_by_system: string | null;
  added_at: Date;
}

export interface ObservableTagCasesTable {
  observable_id: number;
  tag: string;
  case_id: string;
}

/** The index's summary of each value over cases no TLP:RED incident restricts, and what is pending. */
export interface ObservableStatsTable {
  observable_id: number;
  cases: number;
  first_seen: Date;
  last_seen: Date;
}

export interface ObservableTagTables {
  observable_tags: ObservableTagsTable;
  observable_tag_cases: ObservableTagCasesTable;
  observable_stats: ObservableStatsTable;
  observable_stats_pending_cases: { case_id: string };
  observable_stats_pending_values: { observable_id: number };
}
