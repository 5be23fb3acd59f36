import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { CveRow } from "./import/cve-record.js";
import type { EpssRow } from "./import/epss.js";
import type { KevEntry } from "./import/kev.js";

// The imports' writes: each batch is one statement over unnest()ed arrays (one parameter per column,
// whatever the batch's size), an upsert that changes a row only when its content differs, so importing
// the same file again writes nothing. Values go in as text and are cast here: one way for pg and PGlite.

/** How many rows a batch wrote: new, and changed (the rest were already as given). */
export interface UpsertCounts {
  inserted: number;
  updated: number;
}

type Text = string | null;
const json = (v: unknown) => JSON.stringify(v);

interface Written {
  cve: string;
  inserted: boolean;
}

const counted = (rows: readonly Written[]): UpsertCounts => ({
  inserted: rows.filter((r) => r.inserted).length,
  updated: rows.filter((r) => !r.inserted).length,
});

/** KEV entries; answers the counts and the CVE ids that were not in the catalogue before. */
export async function upsertKevEntries(
  db: Db,
  entries: readonly KevEntry[],
): Promise<UpsertCounts & { added: string[] }> {
  if (entries.length === 0) return { inserted: 0, updated: 0, added: [] };
  const unique = [...new Map(entries.map((e) => [e.cveID, e])).values()];
  const col = <T>(f: (e: KevEntry) => T) => unique.map(f);
  const result = await sql<Written>`
    insert into kev_entries as k (cve, vendor_project, product, vulnerability_name, date_added, short_description,
      required_action, due_date, known_ransomware_campaign_use, notes, cwes, record)
    select v.cve, v.vendor, v.product, v.name, v.added::date, v.description, v.action, v.due::date, v.ransomware,
      v.notes, array(select jsonb_array_elements_text(v.cwes::jsonb)), v.record::jsonb
    from unnest(${col((e) => e.cveID)}::text[], ${col((e) => e.vendorProject)}::text[], ${col((e) => e.product)}::text[],
      ${col((e) => e.vulnerabilityName)}::text[], ${col((e) => e.dateAdded)}::text[], ${col((e) => e.shortDescription)}::text[],
      ${col((e) => e.requiredAction)}::text[], ${col((e) => e.dueDate)}::text[],
      ${col((e): Text => e.knownRansomwareCampaignUse ?? null)}::text[], ${col((e): Text => e.notes ?? null)}::text[],
      ${col((e) => json(e.cwes ?? []))}::text[], ${col((e) => json(e))}::text[])
      as v(cve, vendor, product, name, added, description, action, due, ransomware, notes, cwes, record)
    on conflict (cve) do update set vendor_project = excluded.vendor_project, product = excluded.product,
      vulnerability_name = excluded.vulnerability_name, date_added = excluded.date_added,
      short_description = excluded.short_description, required_action = excluded.required_action,
      due_date = excluded.due_date, known_ransomware_campaign_use = excluded.known_ransomware_campaign_use,
      notes = excluded.notes, cwes = excluded.cwes, record = excluded.record, updated_at = now()
    where k.record is distinct from excluded.record
    returning k.cve, (xmax = 0) as inserted`.execute(db);
  return { ...counted(result.rows), added: result.rows.filter((r) => r.inserted).map((r) => r.cve) };
}

/** CVE records; a record changes its row only when something read from it differs. */
export async function upsertCveRows(db: Db, rows: readonly CveRow[]): Promise<UpsertCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const unique = [...new Map(rows.map((r) => [r.cve, r])).values()];
  const col = <T>(f: (r: CveRow) => T) => unique.map(f);
  const result = await sql<Written>`
    insert into vulnerabilities as t (cve, state, title, description, cvss, cvss_score, affected, reference_urls,
      published_at, source_updated_at)
    select v.cve, v.state, v.title, v.description, v.cvss::jsonb, v.score::numeric, v.affected::jsonb, v.refs::jsonb,
      v.published::timestamptz, v.updated::timestamptz
    from unnest(${col((r) => r.cve)}::text[], ${col((r) => r.state)}::text[], ${col((r) => r.title)}::text[],
      ${col((r) => r.description)}::text[], ${col((r) => json(r.cvss))}::text[],
      ${col((r): Text => (r.cvssScore === null ? null : String(r.cvssScore)))}::text[],
      ${col((r) => json(r.affected))}::text[], ${col((r) => json(r.references))}::text[],
      ${col((r): Text => r.publishedAt?.toISOString() ?? null)}::text[],
      ${col((r): Text => r.updatedAt?.toISOString() ?? null)}::text[])
      as v(cve, state, title, description, cvss, score, affected, refs, published, updated)
    on conflict (cve) do update set state = excluded.state, title = excluded.title,
      description = excluded.description, cvss = excluded.cvss, cvss_score = excluded.cvss_score,
      affected = excluded.affected, reference_urls = excluded.reference_urls, published_at = excluded.published_at,
      source_updated_at = excluded.source_updated_at, updated_at = now()
    where (t.state, t.title, t.description, t.cvss, t.affected, t.reference_urls, t.source_updated_at)
      is distinct from (excluded.state, excluded.title, excluded.description, excluded.cvss, excluded.affected,
        excluded.reference_urls, excluded.source_updated_at)
    returning t.cve, (xmax = 0) as inserted`.execute(db);
  return counted(result.rows);
}

/**
 * One day's EPSS scores. A newer day moves the stored score to previous_score (a jump is the
 * difference); the same day again changes only what differs; an older day changes nothing.
 */
export async function upsertEpssScores(
  db: Db,
  rows: readonly EpssRow[],
  day: string,
  modelVersion: string | null,
): Promise<UpsertCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const unique = [...new Map(rows.map((r) => [r.cve, r])).values()];
  const result = await sql<Written>`
    insert into epss_scores as e (cve, score, percentile, score_date, model_version)
    select v.cve, v.score::real, v.percentile::real, ${day}::date, ${modelVersion}
    from unnest(${unique.map((r) => r.cve)}::text[], ${unique.map((r) => String(r.score))}::text[],
      ${unique.map((r) => String(r.percentile))}::text[]) as v(cve, score, percentile)
    on conflict (cve) do update set
      previous_score = case when excluded.score_date > e.score_date then e.score else e.previous_score end,
      previous_date = case when excluded.score_date > e.score_date then e.score_date else e.previous_date end,
      score = excluded.score, percentile = excluded.percentile, score_date = excluded.score_date,
      model_version = excluded.model_version, updated_at = now()
    where excluded.score_date > e.score_date
      or (excluded.score_date = e.score_date and (e.score, e.percentile) is distinct from (excluded.score, excluded.percentile))
    returning e.cve, (xmax = 0) as inserted`.execute(db);
  return counted(result.rows);
}

export interface KnownProduct {
  vendorKey: string;
  productKey: string;
  vendor: string;
  product: string;
  cpe: string | null;
}

/** Products the imported data names, for the organisations' picker; ones already known stay as they are. */
export async function addKnownProducts(db: Db, products: readonly KnownProduct[]): Promise<void> {
  const unique = [
    ...new Map(
      products
        .filter((p) => p.vendorKey !== "" && p.productKey !== "")
        .map((p) => [`${p.vendorKey}\n${p.productKey}`, p]),
    ).values(),
  ];
  if (unique.length === 0) return;
  await sql`
    insert into known_products (vendor_key, product_key, vendor, product, cpe)
    select * from unnest(${unique.map((p) => p.vendorKey)}::text[], ${unique.map((p) => p.productKey)}::text[],
      ${unique.map((p) => p.vendor)}::text[], ${unique.map((p) => p.product)}::text[],
      ${unique.map((p): Text => p.cpe)}::text[])
    on conflict (vendor_key, product_key) do update set cpe = excluded.cpe
      where known_products.cpe is null and excluded.cpe is not null`.execute(db);
}

/** Whether the catalogue holds no entry yet: the first import is the baseline, and tells nobody. */
export async function kevIsEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom("kev_entries").select("cve").limit(1).executeTakeFirst();
  return row === undefined;
}
