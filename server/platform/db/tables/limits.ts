/** Mirrors server/migrations/0019_shared_counters.sql. */
export interface SharedCountsTable {
  bucket: string;
  window_start: Date;
  node: string;
  count: number;
  expires_at: Date;
}

export interface LimitTables {
  shared_counts: SharedCountsTable;
}
