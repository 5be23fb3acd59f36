import type { ColumnType, Generated } from "kysely";
import type { TlpLabel } from "./intake.js";

/** Mirrors server/migrations/0035_yara.sql. */

type TextArray = ColumnType<string[], string[], string[]>;
type Json<T> = ColumnType<T, string, string>;
/** int8: parsed to a JS number by connect.ts. */
type Bigint = ColumnType<number, number | undefined, number>;

export type YaraScanOutcome = "scanned" | "too_large" | "timed_out" | "failed" | "missing";

/** One matched string as stored: where in the file, and up to 32 bytes of it (hex). */
export interface StoredYaraString {
  /** The YARA rule (inside the source) whose string matched. */
  rule: string;
  identifier: string;
  offset: number;
  length: number;
  hex: string;
}

export interface YaraRulesTable {
  id: Generated<string>;
  name: string;
  author_id: string | null;
  tlp: TlpLabel;
  description: ColumnType<string, string | undefined, string>;
  source: string;
  identifiers: TextArray;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  version: ColumnType<number, number | undefined, number>;
  created_at: Date;
  updated_at: Date;
  updated_by: string | null;
  deleted_at: Date | null;
}

export interface YaraRuleVersionsTable {
  rule_id: string;
  version: number;
  name: string;
  tlp: TlpLabel;
  description: string;
  source: string;
  identifiers: TextArray;
  enabled: boolean;
  deleted: ColumnType<boolean, boolean | undefined, boolean>;
  written_by: string | null;
  written_at: Date;
}

export interface YaraRulesetTable {
  singleton: ColumnType<boolean, boolean | undefined, never>;
  version: Bigint;
  changed_at: Date | null;
}

export interface YaraFileScansTable {
  sha256: string;
  ruleset_version: Bigint;
  outcome: YaraScanOutcome | null;
  detail: string | null;
  size: number | null;
  duration_ms: number | null;
  scanned_at: Date | null;
  claimed_by: string | null;
  claimed_until: Date | null;
  attempts: ColumnType<number, number | undefined, number>;
  enrolled_at: Date;
}

export interface YaraMatchesTable {
  sha256: string;
  rule_id: string;
  rule_version: number;
  ruleset_version: number;
  identifiers: TextArray;
  strings: Json<StoredYaraString[]>;
  truncated: ColumnType<boolean, boolean | undefined, boolean>;
  matched_at: Date;
}

export interface YaraMatchNoticesTable {
  incident_id: string;
  sha256: string;
  rule_id: string;
  event_id: string;
  noticed_at: Date;
}

export interface YaraSweepsTable {
  id: Generated<string>;
  ruleset_version: number;
  requested_by: string | null;
  requested_at: Date;
  finished_at: Date | null;
}

export interface YaraTables {
  yara_rules: YaraRulesTable;
  yara_rule_versions: YaraRuleVersionsTable;
  yara_ruleset: YaraRulesetTable;
  yara_file_scans: YaraFileScansTable;
  yara_matches: YaraMatchesTable;
  yara_match_notices: YaraMatchNoticesTable;
  yara_sweeps: YaraSweepsTable;
}
