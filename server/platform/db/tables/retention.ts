import type { ColumnType, Generated } from "kysely";

/** Mirrors server/migrations/0110_retention.sql (the columns it adds to reports and mail_messages are in their tables' files). */
export interface LegalHoldsTable {
  incident_id: string;
  reason: string;
  set_by: string | null;
  set_at: Generated<Date>;
}

export interface RetentionRunsTable {
  id: Generated<number>;
  ran_at: Generated<Date>;
  counts: ColumnType<Record<string, number>, string, string>;
  settings: ColumnType<Record<string, number>, string, string>;
}

/** Incidents whose correspondence retention emptied. */
export interface IncidentCorrespondenceRemovedTable {
  incident_id: string;
  removed_at: Generated<Date>;
}

export interface RetentionTables {
  incident_correspondence_removed: IncidentCorrespondenceRemovedTable;
  legal_holds: LegalHoldsTable;
  retention_runs: RetentionRunsTable;
}
