import type { CaseFileList, FileCase } from "../../../contract/evidence.js";
import type { Config } from "../../platform/config.js";
import type { ServiceContext } from "../../platform/deps.js";
import { loadVisibleIncident, visibleLinkedReportIds } from "../incidents/access.js";
import { findReportOr404 } from "../intake/report-detail.js";
import { selectFilesBySha256, selectFilesOfCases } from "./case-files-store.js";
import { caseOf, presentCaseFile } from "./present-file.js";
import { selectProfiles } from "./profile-store.js";

/** What evidence's use cases need: the usual context and the configuration. */
export type EvidenceContext = ServiceContext & { config: Config };

/** A case, as a route names it. */
export interface CaseRef {
  kind: "report" | "incident";
  reference: string;
}

/** The ids of the case and, for an incident, of its linked reports the viewer sees; 404 for a hidden case. */
async function caseIds(ctx: EvidenceContext, of: CaseRef): Promise<string[]> {
  if (of.kind === "report") return [(await findReportOr404(ctx, of.reference)).id];
  const incident = await loadVisibleIncident(ctx.db, ctx.actor, of.reference);
  return [incident.id, ...(await visibleLinkedReportIds(ctx.db, ctx.actor, incident.id))];
}

/**
 * The files a case holds, oldest first: a report's attachments and mail, or an incident's uploads and
 * thread mail together with the files of its linked reports the viewer may see. 404 for a case hidden
 * from the viewer, like a missing one.
 */
export async function listCaseFiles(ctx: EvidenceContext, of: CaseRef): Promise<CaseFileList> {
  const rows = await selectFilesOfCases(ctx.db, ctx.actor, await caseIds(ctx, of));
  const profiles = await selectProfiles(
    ctx.db,
    rows.map((r) => r.sha256),
  );
  return { items: rows.map((r) => presentCaseFile(r, profiles.get(r.sha256))) };
}

/**
 * The cases the viewer may see that hold a file with this content, newest first (at most `limit`),
 * each with the file. Nothing in a case hidden from them is named or counted.
 */
export async function casesHoldingSha256(
  ctx: ServiceContext,
  sha256: string,
  limit = 50,
): Promise<(FileCase & { fileId: string; filename: string })[]> {
  const rows = await selectFilesBySha256(ctx.db, ctx.actor, sha256.toLowerCase(), limit);
  return rows.map((r) => ({ ...caseOf(r), fileId: r.id, filename: r.filename }));
}
