import type { ColumnType } from "kysely";

/** Mirrors server/migrations/0041_constituency_imports.sql (the staged rows are written in SQL only). */

type Json<T> = ColumnType<T, string, string>;
type JsonDefault<T> = ColumnType<T, string | undefined, string>;
type TextArray = ColumnType<string[], string[], string[]>;

export type ConstituencyImportFormat = "ripe" | "csv";
export type ConstituencyImportStatus = "reading" | "preview" | "applied" | "failed";
export type ConstituencyImportKind = "organisations" | "networks" | "asns" | "domains" | "contacts";

export interface ConstituencyImportCounts {
  added: number;
  changed: number;
  removed: number;
  /** Left alone: staff-edited or manual records the import would have changed or removed. */
  kept: number;
}

/** One sample of a change, as the preview shows it. */
export interface ConstituencyImportSample {
  key: string;
  organisation: string;
  what: string;
}

export interface ConstituencyImportError {
  file: string;
  line: number;
  message: string;
}

export interface ConstituencyImportFilters {
  countries?: string[];
  orgs?: string[];
}

export interface ConstituencyImportsTable {
  id: string;
  format: ConstituencyImportFormat;
  source: string;
  filters: Json<ConstituencyImportFilters>;
  file_names: TextArray;
  status: ConstituencyImportStatus;
  skip_invalid: boolean;
  objects_read: ColumnType<number, number | undefined, number>;
  counts: JsonDefault<Partial<Record<ConstituencyImportKind, ConstituencyImportCounts>>>;
  diff: JsonDefault<
    Partial<Record<ConstituencyImportKind, Partial<Record<keyof ConstituencyImportCounts, ConstituencyImportSample[]>>>>
  >;
  errors: JsonDefault<ConstituencyImportError[]>;
  error_count: ColumnType<number, number | undefined, number>;
  error: string | null;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, Date>;
  applied_by: string | null;
  applied_at: Date | null;
}

export interface ConstituencyImportTables {
  constituency_imports: ConstituencyImportsTable;
}
