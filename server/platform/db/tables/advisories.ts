import type { ColumnType, Generated } from "kysely";
import type { AdvisoryKind, AdvisoryStatus, Exploitation } from "../../../../contract/advisories.js";
import type { TlpLabel } from "./intake.js";

/** Mirrors server/migrations/0062_advisories.sql. */

type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface AdvisoriesTable {
  id: Generated<string>;
  tracking_id: string;
  kind: AdvisoryKind;
  status: Defaulted<AdvisoryStatus>;
  tlp: TlpLabel;
  cves: Defaulted<string[]>;
  /** [{ vendor, product, versions? }], read back through the contract's schema. */
  products: ColumnType<unknown, string | undefined, string>;
  exploitation: Defaulted<Exploitation>;
  reference_urls: Defaulted<string[]>;
  author_id: string;
  approved_by: ColumnType<string | null, string | null | undefined, string | null>;
  version: Defaulted<number>;
  revision: Defaulted<number>;
  published_version: Defaulted<number>;
  revision_summary: ColumnType<string | null, string | null | undefined, string | null>;
  publish_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  initial_release_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  current_release_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Defaulted<Date>;
  updated_at: Defaulted<Date>;
}

export interface AdvisoryTextsTable {
  advisory_id: string;
  language: "sv" | "en";
  title: string;
  summary: string;
  body: string;
  measures: Defaulted<string>;
  /** The weekly letter's items, read back through the contract's schema. */
  items: ColumnType<unknown, string | undefined, string>;
  text_version: Defaulted<number>;
  source_version: ColumnType<number | null, number | null | undefined, number | null>;
  updated_by: string;
  updated_at: Defaulted<Date>;
}

export interface AdvisoryVersionsTable {
  advisory_id: string;
  version: number;
  content: ColumnType<unknown, string, string>;
  saved_by: string;
  saved_at: Date;
}

export interface AdvisoryCommentsTable {
  id: Generated<string>;
  advisory_id: string;
  author_id: string;
  version: number;
  body: string;
  created_at: Defaulted<Date>;
}

export interface AdvisoryRevisionsTable {
  advisory_id: string;
  number: number;
  summary: string;
  published_at: Date;
  published_by: string;
}

export interface AdvisoryPublicationsTable {
  advisory_id: string;
  language: "sv" | "en";
  tracking_id: string;
  kind: AdvisoryKind;
  tlp: TlpLabel;
  revision: number;
  content: ColumnType<unknown, string, string>;
  folder: "clear" | "green" | "amber" | "red";
  path: string;
  csaf: string;
  sha256: string;
  sha512: string;
  signature: string | null;
  initial_release_at: Date;
  current_release_at: Date;
}

export interface AdvisoryTables {
  advisories: AdvisoriesTable;
  advisory_texts: AdvisoryTextsTable;
  advisory_versions: AdvisoryVersionsTable;
  advisory_comments: AdvisoryCommentsTable;
  advisory_revisions: AdvisoryRevisionsTable;
  advisory_publications: AdvisoryPublicationsTable;
}
