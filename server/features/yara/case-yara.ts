import type { CaseYara, YaraFileScan } from "../../../contract/yara.js";
import type { ServiceContext } from "../../platform/deps.js";
import { notFound } from "../../platform/errors.js";
import { loadVisibleIncident, visibleLinkedReports } from "../incidents/access.js";
import { findVisibleReport } from "../intake/service.js";
import { selectIncidentFiles, selectReportFiles } from "./files-store.js";
import { selectFileMatches, selectFileScans } from "./matches-store.js";
import { assertMayReadRules } from "./policy.js";
import { presentMatch } from "./present.js";
import { selectRulesetVersion } from "./rules-store.js";

interface CaseFile {
  sha256: string;
  filename: string;
  report: string | null;
}

/** The files of a case as the actor may see it (404 when hidden, like a missing one); for an incident, its linked reports' too. */
async function caseFiles(ctx: ServiceContext, kind: "report" | "incident", reference: string): Promise<CaseFile[]> {
  if (kind === "report") {
    const report = await findVisibleReport(ctx.db, ctx.actor, reference);
    if (!report) throw notFound("report_not_found", `No report ${reference}`);
    return (await selectReportFiles(ctx.db, report.id)).map((f) => ({ ...f, report: null }));
  }
  const incident = await loadVisibleIncident(ctx.db, ctx.actor, reference);
  const own = (await selectIncidentFiles(ctx.db, incident.id)).map((f) => ({ ...f, report: null }));
  const linked: CaseFile[] = [];
  for (const r of await visibleLinkedReports(ctx.db, ctx.actor, incident.id))
    linked.push(...(await selectReportFiles(ctx.db, r.id)).map((f) => ({ ...f, report: r.reference })));
  return [...own, ...linked];
}

/**
 * Each file of a case with how it was last scanned and what matched (every match shown through the
 * policy: bytes only for who may read the rule). A file held twice is listed once, as the case's own
 * before a linked report's.
 */
export async function getCaseYara(
  ctx: ServiceContext,
  kind: "report" | "incident",
  reference: string,
): Promise<CaseYara> {
  assertMayReadRules(ctx.actor);
  const files = new Map<string, CaseFile>();
  for (const f of await caseFiles(ctx, kind, reference)) if (!files.has(f.sha256)) files.set(f.sha256, f);
  const hashes = [...files.keys()];
  const version = await selectRulesetVersion(ctx.db);
  const scans = new Map((await selectFileScans(ctx.db, hashes)).map((s) => [s.sha256, s]));
  const matches = await selectFileMatches(ctx.db, ctx.actor, hashes);
  const out: YaraFileScan[] = [...files.values()].map((f) => {
    const scan = scans.get(f.sha256);
    const scanned = scan !== undefined && scan.ruleset_version > 0;
    return {
      sha256: f.sha256,
      filename: f.filename,
      report: f.report,
      outcome: scanned ? scan.outcome : null,
      detail: scanned ? scan.detail : null,
      scannedAt: scanned ? (scan.scanned_at?.toISOString() ?? null) : null,
      current: scanned && scan.ruleset_version >= version,
      matches: matches.filter((m) => m.sha256 === f.sha256).map((m) => presentMatch(ctx.actor, m)),
    };
  });
  return { files: out };
}
