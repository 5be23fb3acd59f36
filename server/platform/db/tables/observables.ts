import type { ColumnType, Generated } from "kysely";
import type {
  CaseKind,
  ObservableTag,
  ObservableType,
  SightingOrigin,
  WarningEntryKind,
} from "../../../../contract/observables.js";

/** Mirrors server/migrations/0011_observables.sql. */

export interface ObservablesTable {
  // int8: parsed to a JS number by connect.ts; ids stay far below 2^53.
  id: ColumnType<number, never, never>;
  type: ObservableType;
  value: string;
  network: string | null;
  tag: ObservableTag | null;
  tagged_by: string | null;
  tagged_at: Date | null;
  do_not_correlate: ColumnType<boolean, boolean | undefined, boolean>;
  version: ColumnType<number, number | undefined, number>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface SightingsTable {
  observable_id: number;
  case_kind: CaseKind;
  case_id: string;
  origin: SightingOrigin;
  origin_id: string;
  seen_at: Date;
  created_by: string | null;
}

/** Mirrors server/migrations/0022_observable_verdict_cases.sql: the cases a verdict was given on. */
export interface ObservableVerdictCasesTable {
  observable_id: number;
  case_id: string;
}

export interface WarningListsTable {
  id: Generated<string>;
  builtin_key: string | null;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  match_urls_and_emails: ColumnType<boolean, boolean | undefined, boolean>;
  version: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  updated_by: string | null;
}

export interface WarningListEntriesTable {
  list_id: string;
  position: number;
  entry: string;
  kind: WarningEntryKind;
  network: string | null;
  value_type: ObservableType | null;
  value: string | null;
}

export interface ObservableTables {
  observables: ObservablesTable;
  sightings: SightingsTable;
  observable_verdict_cases: ObservableVerdictCasesTable;
  warning_lists: WarningListsTable;
  warning_list_entries: WarningListEntriesTable;
}
