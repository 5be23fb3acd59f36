import type { KevFacts, Vulnerability, VulnerabilitySummary } from "../../../contract/vulnerabilities.js";
import type { CvssMetric } from "../../platform/db/tables/vulnerabilities.js";
import { headlineScore } from "./import/cve-record.js";
import type { VulnerabilityRow } from "./read-store.js";

/** The metric a list shows: the one headlineScore picks. */
export function headlineMetric(metrics: readonly CvssMetric[]): CvssMetric | null {
  const score = headlineScore(metrics);
  if (score === null) return null;
  for (const version of ["4.0", "3.1", "3.0", "2.0"] as const) {
    const m =
      metrics.find((x) => x.version === version && x.source === "cna") ?? metrics.find((x) => x.version === version);
    if (m) return m;
  }
  return null;
}

function kevOf(row: VulnerabilityRow): KevFacts | null {
  if (row.kev_date_added === null || row.kev_due_date === null) return null;
  return {
    dateAdded: row.kev_date_added,
    dueDate: row.kev_due_date,
    knownRansomwareCampaignUse: row.kev_ransomware,
    vendorProject: row.kev_vendor_project ?? "",
    product: row.kev_product ?? "",
    vulnerabilityName: row.kev_name ?? "",
    shortDescription: row.kev_description ?? "",
    requiredAction: row.kev_action ?? "",
    notes: row.kev_notes,
    cwes: row.kev_cwes ?? [],
  };
}

/** A row of the list (and of describeCves): title, headline CVSS, KEV dates, EPSS. */
export function presentSummary(row: VulnerabilityRow): VulnerabilitySummary {
  return {
    cve: row.cve,
    title: row.title ?? row.kev_name,
    cvss: headlineMetric(row.cvss ?? []),
    kev:
      row.kev_date_added !== null && row.kev_due_date !== null
        ? { dateAdded: row.kev_date_added, dueDate: row.kev_due_date, knownRansomwareCampaignUse: row.kev_ransomware }
        : null,
    epss:
      row.epss_score !== null && row.epss_percentile !== null && row.epss_date !== null
        ? { score: row.epss_score, percentile: row.epss_percentile, date: row.epss_date }
        : null,
  };
}

/** The vulnerability page's facts; incidents, organisations and advisories are joined by the caller. */
export function presentVulnerability(
  row: VulnerabilityRow,
  joined: Pick<Vulnerability, "incidents" | "organisations" | "advisories">,
): Vulnerability {
  const metrics = row.cvss ?? [];
  const cvss = headlineMetric(metrics);
  return {
    cve: row.cve,
    state: row.state,
    title: row.title ?? row.kev_name,
    description: row.description ?? row.kev_description,
    ...(cvss ? { cvss } : {}),
    metrics,
    kev: kevOf(row),
    epss:
      row.epss_score !== null && row.epss_percentile !== null && row.epss_date !== null
        ? {
            score: row.epss_score,
            percentile: row.epss_percentile,
            date: row.epss_date,
            previousScore: row.epss_previous_score,
            previousDate: row.epss_previous_date,
          }
        : null,
    affected: row.affected ?? [],
    references: row.reference_urls ?? [],
    publishedAt: row.published_at?.toISOString() ?? null,
    updatedAt: row.source_updated_at?.toISOString() ?? null,
    ...joined,
  };
}
