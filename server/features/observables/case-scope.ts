import type { TlpLabel } from "../../../contract/intake.js";
import type { CaseKind } from "../../../contract/observables.js";
import type { ServiceContext } from "../../platform/deps.js";
import { notFound } from "../../platform/errors.js";
import { loadVisibleIncident, visibleLinkedReportIds } from "../incidents/access.js";
import { findVisibleReport } from "../intake/service.js";
import { assertMayReadObservables } from "./policy.js";

/** A case as correlation sees it: whose sightings are its own, and which cases are not "related" but itself. */
export interface CaseScope {
  kind: CaseKind;
  id: string;
  reference: string;
  title: string;
  tlp: TlpLabel;
  /** The case, and for an incident the linked reports the viewer may see: their values are the case's. */
  ownIds: string[];
  /**
   * Never listed as related: the case itself and its linked reports (`ownIds`), and for a report the
   * incidents it is in (found in the ranking statement itself).
   */
  excludeIncidentsOf: string | null;
}

/** The case `reference` as the actor may see it (TLP policy); hidden or missing is the same 404. */
export async function resolveCase(ctx: ServiceContext, kind: CaseKind, reference: string): Promise<CaseScope> {
  assertMayReadObservables(ctx.actor);
  if (kind === "incident") {
    const incident = await loadVisibleIncident(ctx.db, ctx.actor, reference);
    const reports = await visibleLinkedReportIds(ctx.db, ctx.actor, incident.id);
    const ownIds = [incident.id, ...reports];
    const head = { kind, id: incident.id, reference: incident.reference, title: incident.title, tlp: incident.tlp };
    return { ...head, ownIds, excludeIncidentsOf: null };
  }
  const report = await findVisibleReport(ctx.db, ctx.actor, reference);
  if (report === null) throw notFound("report_not_found", `No report ${reference}`);
  return {
    kind,
    id: report.id,
    reference: report.reference,
    title: report.reference,
    tlp: report.tlp,
    ownIds: [report.id],
    excludeIncidentsOf: report.id,
  };
}
