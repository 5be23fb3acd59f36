import { z } from "zod";
import type {
  CvssMetric,
  DailyDiff,
  Vulnerability,
  VulnerabilityList,
  VulnerabilityListQuery,
  VulnerabilitySummary,
} from "../../../contract/vulnerabilities.js";
import type { Config } from "../../platform/config.js";
import type { ServiceContext } from "../../platform/deps.js";
import { notFound } from "../../platform/errors.js";
import { keyset, readKeysetPage } from "../../platform/keyset-page.js";
import { readsCases } from "../../platform/tlp.js";
import { advisoriesNamingCve } from "../advisories/index.js";
import { getOrganisation, mayReadRegistry } from "../constituency/index.js";
import { incidentsHoldingValue } from "../observables/incidents-holding.js";
import { dayIn, daysBefore } from "./days.js";
import { assertMayReadVulnerabilities } from "./policy.js";
import { presentSummary, presentVulnerability } from "./present.js";
import { keysOf, parseCpe } from "./product-names.js";
import {
  type ListCursor,
  type VulnerabilityRow,
  selectEpssJumps,
  selectKevAddedBetween,
  selectOrganisationsRunning,
  selectVulnerabilities,
  selectVulnerabilityPage,
  sortKeyOf,
} from "./read-store.js";

export type VulnerabilityReadContext = ServiceContext & { config: Pick<Config, "timeZone" | "epssJumpThreshold"> };

const LIST_KEYS = keyset<ListCursor>(
  z.object({ k: z.union([z.string().max(40), z.number(), z.null()]), cve: z.string().max(40) }).strict(),
);
const ORGANISATIONS_SHOWN = 50;
const DAILY_LIMIT = 500;

/** The vendor/product keys a CVE names: KEV's, and its record's affected products and their CPEs. */
function namedKeys(row: VulnerabilityRow): { vendorKey: string; productKey: string }[] {
  const keys = [];
  if (row.kev_vendor_project !== null && row.kev_product !== null)
    keys.push(keysOf(row.kev_vendor_project, row.kev_product));
  for (const a of row.affected ?? []) {
    keys.push(keysOf(a.vendor, a.product));
    for (const cpe of a.cpes) {
      const parsed = parseCpe(cpe);
      if (parsed) keys.push(keysOf(parsed.vendor, parsed.product));
    }
  }
  return keys.filter((k) => k.vendorKey !== "" && k.productKey !== "");
}

/** GET /api/v1/vulnerabilities/{cve}: the record, KEV, EPSS, and who it concerns (incidents by TLP, organisations). */
export async function getVulnerability(ctx: VulnerabilityReadContext, cve: string): Promise<Vulnerability> {
  assertMayReadVulnerabilities(ctx.actor);
  const [row] = await selectVulnerabilities(ctx.db, [cve]);
  if (!row) throw notFound("vulnerability_not_found", `Fyr knows nothing about ${cve}`);
  // Incidents come only to case readers (a system actor reads none), through the TLP policy.
  const incidents = readsCases(ctx.actor) ? await incidentsHoldingValue(ctx, "cve", cve) : [];
  const running = mayReadRegistry(ctx.actor)
    ? await selectOrganisationsRunning(ctx.db, namedKeys(row), ORGANISATIONS_SHOWN)
    : [];
  const organisations = await Promise.all(
    running.map(async (r) => ({
      id: r.organisation_id,
      name: (await getOrganisation(ctx, r.organisation_id)).name,
      products: r.products,
    })),
  );
  organisations.sort((a, b) => a.name.localeCompare(b.name, "sv"));
  const advisories = (await advisoriesNamingCve(ctx, row.cve)).map(({ id, trackingId, title }) => ({
    id,
    trackingId,
    title,
  }));
  return presentVulnerability(row, { incidents, organisations, advisories });
}

/** GET /api/v1/vulnerabilities: filtered by words, KEV, ransomware, EPSS and CVSS floors; keyset pages. */
export async function listVulnerabilities(
  ctx: VulnerabilityReadContext,
  query: VulnerabilityListQuery,
): Promise<VulnerabilityList> {
  assertMayReadVulnerabilities(ctx.actor);
  const sort = query.kev === true && query.sort === "cve" ? "kevAdded" : query.sort;
  const page = await readKeysetPage(
    query,
    LIST_KEYS,
    ({ after, limit }) =>
      selectVulnerabilityPage(
        ctx.db,
        {
          q: query.q ?? null,
          kev: query.kev,
          ransomware: query.ransomware,
          epssMin: query.epssMin,
          cvssMin: query.cvssMin,
          sort,
        },
        after,
        limit,
      ),
    (row) => ({ k: sortKeyOf(row, sort), cve: row.cve }),
  );
  return { items: page.rows.map(presentSummary), nextCursor: page.nextCursor };
}

/** GET /api/v1/vulnerabilities/daily: new in KEV since the day before, and EPSS jumps above the threshold. */
export async function dailyDiff(
  ctx: VulnerabilityReadContext,
  query: { day?: string; threshold?: number },
): Promise<DailyDiff> {
  assertMayReadVulnerabilities(ctx.actor);
  const day = query.day ?? dayIn(ctx.clock.now(), ctx.config.timeZone);
  const since = daysBefore(day, 1);
  const threshold = query.threshold ?? ctx.config.epssJumpThreshold;
  const [kev, jumps] = await Promise.all([
    selectKevAddedBetween(ctx.db, since, day, DAILY_LIMIT),
    selectEpssJumps(ctx.db, since, day, threshold, DAILY_LIMIT),
  ]);
  return {
    day,
    since,
    threshold,
    newInKev: kev.map((r) => ({
      ...presentSummary(r),
      vulnerabilityName: r.kev_name ?? "",
      vendorProject: r.kev_vendor_project ?? "",
      product: r.kev_product ?? "",
    })),
    epssJumps: jumps.map((r) => ({
      ...presentSummary(r),
      previousScore: r.epss_previous_score ?? 0,
      previousDate: r.epss_previous_date,
      rise: (r.epss_score ?? 0) - (r.epss_previous_score ?? 0),
    })),
  };
}

/** What describeCves answers for each CVE asked, in the order asked; `known: false` when no source has it. */
export type CveDescription = VulnerabilitySummary & {
  known: boolean;
  /** The CVSS 3.x metric (the CNA's before an ADP's, 3.1 before 3.0), for a CSAF document's cvss_v3. */
  cvssV3: CvssMetric | null;
};

function cvssV3Of(metrics: readonly CvssMetric[]): CvssMetric | null {
  for (const version of ["3.1", "3.0"] as const) {
    const m =
      metrics.find((x) => x.version === version && x.source === "cna") ?? metrics.find((x) => x.version === version);
    if (m) return m;
  }
  return null;
}

/**
 * CVSS, KEV and EPSS for a list of CVE ids — for other features (an advisory pulls these in for its CVEs).
 * Malformed ids are answered as unknown; at most 1,000 per call.
 */
export async function describeCves(ctx: ServiceContext, cves: readonly string[]): Promise<CveDescription[]> {
  assertMayReadVulnerabilities(ctx.actor);
  const asked = cves.slice(0, 1000).map((c) => c.trim().toUpperCase());
  const rows = new Map((await selectVulnerabilities(ctx.db, asked)).map((r) => [r.cve, r]));
  return asked.map((cve) => {
    const row = rows.get(cve);
    return row
      ? { ...presentSummary(row), known: true, cvssV3: cvssV3Of(row.cvss ?? []) }
      : { cve, title: null, cvss: null, kev: null, epss: null, known: false, cvssV3: null };
  });
}
