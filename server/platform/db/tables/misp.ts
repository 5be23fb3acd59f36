import type { ColumnType } from "kysely";
import type { TlpLabel } from "./intake.js";

/** Mirrors server/migrations/0114_misp.sql. */

export interface MispFeedSourcesTable {
  id: string;
  name: string;
  url: string;
  incident_id: string;
  organisation_id: string | null;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  last_pulled_at: Date | null;
  last_error: string | null;
  created_by: string | null;
  created_at: Date;
}

export interface MispImportsTable {
  id: string;
  incident_id: string;
  source_id: string | null;
  event_uuid: string;
  event_timestamp: number | null;
  info: string;
  tlp: TlpLabel;
  attributes: number;
  skipped: number;
  imported_by: string | null;
  imported_at: Date;
}

export interface MispImportValuesTable {
  import_id: string;
  incident_id: string;
  observable_id: number;
  tlp: TlpLabel;
}

export interface MispTables {
  misp_feed_sources: MispFeedSourcesTable;
  misp_imports: MispImportsTable;
  misp_import_values: MispImportValuesTable;
}
