import { type RawBuilder, sql } from "kysely";
import type { VulnerabilitySort } from "../../../contract/vulnerabilities.js";
import type { Db } from "../../platform/db/connect.js";
import type { AffectedProduct, CvssMetric, VulnerabilityReference } from "../../platform/db/tables/vulnerabilities.js";

// Reads over the three sources joined by CVE id. Dates are selected as text (YYYY-MM-DD): a date has no
// time zone, and the drivers would make it a Date at local midnight.

/** One CVE as the three tables know it (any part may be missing). */
export interface VulnerabilityRow {
  cve: string;
  state: "PUBLISHED" | "REJECTED" | null;
  title: string | null;
  description: string | null;
  cvss: CvssMetric[] | null;
  cvss_score: string | null;
  affected: AffectedProduct[] | null;
  reference_urls: VulnerabilityReference[] | null;
  published_at: Date | null;
  source_updated_at: Date | null;
  kev_date_added: string | null;
  kev_due_date: string | null;
  kev_ransomware: string | null;
  kev_vendor_project: string | null;
  kev_product: string | null;
  kev_name: string | null;
  kev_description: string | null;
  kev_action: string | null;
  kev_notes: string | null;
  kev_cwes: string[] | null;
  epss_score: number | null;
  epss_percentile: number | null;
  epss_date: string | null;
  epss_previous_score: number | null;
  epss_previous_date: string | null;
}

const joined = (base: RawBuilder<unknown>) => sql`
  select b.cve, v.state, v.title, v.description, v.cvss, v.cvss_score, v.affected, v.reference_urls, v.published_at,
    v.source_updated_at, k.date_added::text as kev_date_added, k.due_date::text as kev_due_date,
    k.known_ransomware_campaign_use as kev_ransomware, k.vendor_project as kev_vendor_project, k.product as kev_product,
    k.vulnerability_name as kev_name, k.short_description as kev_description, k.required_action as kev_action,
    k.notes as kev_notes, k.cwes as kev_cwes, e.score as epss_score, e.percentile as epss_percentile,
    e.score_date::text as epss_date, e.previous_score as epss_previous_score, e.previous_date::text as epss_previous_date
  from ${base} b
  left join vulnerabilities v on v.cve = b.cve
  left join kev_entries k on k.cve = b.cve
  left join epss_scores e on e.cve = b.cve`;

/** These CVEs as far as any source knows them (CVEs no source knows are not returned). */
export async function selectVulnerabilities(db: Db, cves: readonly string[]): Promise<VulnerabilityRow[]> {
  if (cves.length === 0) return [];
  const base = sql`(select cve from vulnerabilities where cve = any(${[...cves]}::text[])
    union select cve from kev_entries where cve = any(${[...cves]}::text[])
    union select cve from epss_scores where cve = any(${[...cves]}::text[]))`;
  const rows = await sql<VulnerabilityRow>`${joined(base)}`.execute(db);
  return rows.rows;
}

export interface ListFilter {
  q: string | null;
  kev: boolean | undefined;
  ransomware: boolean | undefined;
  epssMin: number | undefined;
  cvssMin: number | undefined;
  sort: VulnerabilitySort;
}

export interface ListCursor {
  k: string | number | null;
  cve: string;
}

/** The sort's column, the table the list walks and the keyset condition after a cursor. */
function ordering(sort: VulnerabilitySort): { key: RawBuilder<unknown>; base: RawBuilder<unknown>; cast: string } {
  switch (sort) {
    case "kevAdded":
      return { key: sql`k.date_added`, base: sql`kev_entries`, cast: "date" };
    case "epss":
      return { key: sql`e.score`, base: sql`epss_scores`, cast: "real" };
    case "cvss":
      return {
        key: sql`v.cvss_score`,
        base: sql`(select cve from vulnerabilities where cvss_score is not null)`,
        cast: "numeric",
      };
    case "cve":
      // Records, and KEV entries whose record is not imported; EPSS alone scores every CVE and is no list.
      return {
        key: sql`null::text`,
        base: sql`(select cve from vulnerabilities
          union all select cve from kev_entries kk where not exists (select 1 from vulnerabilities vv where vv.cve = kk.cve))`,
        cast: "text",
      };
  }
}

/** One page of the list, newest (or highest) first, `limit` rows (the caller asks one more). */
export async function selectVulnerabilityPage(
  db: Db,
  filter: ListFilter,
  after: ListCursor | undefined,
  limit: number,
): Promise<VulnerabilityRow[]> {
  const o = ordering(filter.kev === true && filter.sort === "cve" ? "kevAdded" : filter.sort);
  const where: RawBuilder<unknown>[] = [sql`true`];
  if (filter.kev === true) where.push(sql`k.cve is not null`);
  if (filter.kev === false) where.push(sql`k.cve is null`);
  if (filter.ransomware === true) where.push(sql`k.known_ransomware_campaign_use = 'Known'`);
  if (filter.epssMin !== undefined) where.push(sql`e.score >= ${filter.epssMin}::real`);
  if (filter.cvssMin !== undefined) where.push(sql`v.cvss_score >= ${filter.cvssMin}::numeric`);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`(b.cve ilike ${like} or v.title ilike ${like} or k.vulnerability_name ilike ${like}
      or k.vendor_project ilike ${like} or k.product ilike ${like})`);
  }
  const sortsByKey = o.cast !== "text";
  if (after) {
    where.push(
      sortsByKey ? sql`(${o.key}, b.cve) < (${after.k}::${sql.raw(o.cast)}, ${after.cve})` : sql`b.cve < ${after.cve}`,
    );
  }
  const order = sortsByKey ? sql`${o.key} desc, b.cve desc` : sql`b.cve desc`;
  const rows = await sql<VulnerabilityRow>`
    ${joined(o.base)}
    where ${sql.join(where, sql` and `)}
    order by ${order}
    limit ${limit}`.execute(db);
  return rows.rows;
}

/** The sort key a row is at, for the next page's cursor. */
export function sortKeyOf(row: VulnerabilityRow, sort: VulnerabilitySort): string | number | null {
  switch (sort) {
    case "kevAdded":
      return row.kev_date_added;
    case "epss":
      return row.epss_score;
    case "cvss":
      return row.cvss_score;
    case "cve":
      return null;
  }
}

/** KEV entries CISA added between the two days (inclusive), newest first. */
export async function selectKevAddedBetween(
  db: Db,
  since: string,
  day: string,
  limit: number,
): Promise<VulnerabilityRow[]> {
  const base = sql`(select cve from kev_entries where date_added between ${since}::date and ${day}::date)`;
  const rows =
    await sql<VulnerabilityRow>`${joined(base)} order by k.date_added desc, b.cve desc limit ${limit}`.execute(db);
  return rows.rows;
}

/** EPSS scores of the days between that rose by at least `threshold` over the score they replaced. */
export async function selectEpssJumps(
  db: Db,
  since: string,
  day: string,
  threshold: number,
  limit: number,
): Promise<VulnerabilityRow[]> {
  const base = sql`(select cve from epss_scores where score_date between ${since}::date and ${day}::date
    and previous_score is not null and score - previous_score >= ${threshold}::real)`;
  const rows = await sql<VulnerabilityRow>`${joined(base)}
    order by e.score - e.previous_score desc, b.cve desc limit ${limit}`.execute(db);
  return rows.rows;
}

/** Organisations (ids) declaring a product these vendor/product keys name (product "*": all the vendor's). */
export async function selectOrganisationsRunning(
  db: Db,
  keys: readonly { vendorKey: string; productKey: string }[],
  limit: number,
): Promise<{ organisation_id: string; products: string[] }[]> {
  if (keys.length === 0) return [];
  const rows = await sql<{ organisation_id: string; products: string[] }>`
    select op.organisation_id, array_agg(distinct op.vendor || ' ' || op.product) as products
    from unnest(${keys.map((k) => k.vendorKey)}::text[], ${keys.map((k) => k.productKey)}::text[]) as n(vendor_key, product_key)
    join organisation_products op on op.vendor_key = n.vendor_key and (op.product_key = n.product_key or op.product_key = '*')
    group by op.organisation_id
    order by op.organisation_id
    limit ${limit}`.execute(db);
  return rows.rows;
}
