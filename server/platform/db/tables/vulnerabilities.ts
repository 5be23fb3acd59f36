import type { ColumnType, Generated } from "kysely";

/** Mirrors server/migrations/0058_vulnerabilities.sql. */

type Json<T> = ColumnType<T, string, string>;
type JsonDefault<T> = ColumnType<T, string | undefined, string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;
/** numeric: pg and PGlite hand it over as text; written as a number. */
type Numeric = ColumnType<string, number, number>;

/** One CVSS metric of a CVE record, as stored (and answered). */
export interface CvssMetric {
  version: "2.0" | "3.0" | "3.1" | "4.0";
  baseScore: number;
  baseSeverity: string | null;
  vectorString: string;
  /** "cna", or the ADP's short name ("CISA-ADP"). */
  source: string;
}

export interface AffectedProduct {
  vendor: string;
  product: string;
  cpes: string[];
  versions: { version: string; status: string; lessThan?: string; lessThanOrEqual?: string }[];
}

export interface VulnerabilityReference {
  url: string;
  name?: string;
  tags?: string[];
}

export interface VulnerabilitiesTable {
  cve: string;
  state: "PUBLISHED" | "REJECTED";
  title: string | null;
  description: string | null;
  cvss: JsonDefault<CvssMetric[]>;
  cvss_score: Numeric | null;
  affected: JsonDefault<AffectedProduct[]>;
  reference_urls: JsonDefault<VulnerabilityReference[]>;
  published_at: Date | null;
  source_updated_at: Date | null;
  imported_at: Defaulted<Date>;
  updated_at: Defaulted<Date>;
}

export interface KevEntriesTable {
  cve: string;
  vendor_project: string;
  product: string;
  vulnerability_name: string;
  /** date columns are typed as text: the stores select them as `::text` (YYYY-MM-DD, no time zone). */
  date_added: ColumnType<string, string, string>;
  short_description: string;
  required_action: string;
  due_date: ColumnType<string, string, string>;
  known_ransomware_campaign_use: string | null;
  notes: string | null;
  cwes: Defaulted<string[]>;
  record: Json<Record<string, unknown>>;
  first_seen_at: Defaulted<Date>;
  updated_at: Defaulted<Date>;
}

export interface EpssScoresTable {
  cve: string;
  score: number;
  percentile: number;
  score_date: ColumnType<string, string, string>;
  model_version: string | null;
  previous_score: number | null;
  previous_date: ColumnType<string, string, string> | null;
  updated_at: Defaulted<Date>;
}

export interface KnownProductsTable {
  vendor_key: string;
  product_key: string;
  vendor: string;
  product: string;
  cpe: string | null;
}

export interface OrganisationProductsTable {
  id: Generated<string>;
  organisation_id: string;
  vendor: string;
  product: string;
  cpe: string | null;
  vendor_key: string;
  product_key: string;
  created_by: string | null;
  created_at: Defaulted<Date>;
}

export interface ProductNoticesTable {
  organisation_id: string;
  cve: string;
  mail_id: string | null;
  sent_at: Defaulted<Date>;
}

/** Mirrors server/migrations/0118_advisory_product_notices.sql. */
export interface AdvisoryProductNoticesTable {
  organisation_id: string;
  advisory_id: string;
  revision: number;
  mail_id: string | null;
  sent_at: Defaulted<Date>;
}

export type PullKind = "kev" | "epss" | "cve";

export interface VulnerabilityPullsTable {
  kind: PullKind;
  url: string;
  etag: string | null;
  last_modified: string | null;
  last_fetch_at: Date | null;
  last_success_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  claimed_until: Date | null;
}

export interface OsintSourcesTable {
  id: Generated<string>;
  name: string;
  url: string;
  enabled: Defaulted<boolean>;
  etag: string | null;
  last_modified: string | null;
  last_fetch_at: Date | null;
  last_success_at: Date | null;
  last_error: string | null;
  items_total: Defaulted<number>;
  claimed_until: Date | null;
  created_at: Defaulted<Date>;
  updated_at: Defaulted<Date>;
}

export type OsintItemStatus = "new" | "read" | "dismissed";
export type OsintUse = "advisory-draft" | "weekly-letter";

export interface OsintItemsTable {
  id: Generated<string>;
  source_id: string;
  guid: string;
  content_hash: string;
  title: string;
  link: string | null;
  summary: Defaulted<string>;
  published_at: Date | null;
  fetched_at: Defaulted<Date>;
  status: Defaulted<OsintItemStatus>;
  used_for: OsintUse | null;
  used_at: Date | null;
  used_by: string | null;
}

export interface VulnerabilityTables {
  vulnerabilities: VulnerabilitiesTable;
  kev_entries: KevEntriesTable;
  epss_scores: EpssScoresTable;
  known_products: KnownProductsTable;
  organisation_products: OrganisationProductsTable;
  product_notices: ProductNoticesTable;
  advisory_product_notices: AdvisoryProductNoticesTable;
  vulnerability_pulls: VulnerabilityPullsTable;
  osint_sources: OsintSourcesTable;
  osint_items: OsintItemsTable;
}
