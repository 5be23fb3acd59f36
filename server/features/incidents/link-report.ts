import { appendAudit } from "../../platform/audit.js";
import { inTransaction, type Db } from "../../platform/db/connect.js";
import type { TlpLabel } from "../../platform/db/tables/intake.js";
import { conflict, notFound } from "../../platform/errors.js";
import { tlpRank } from "../../platform/tlp.js";
import { markReportLinked, markReportUnlinked } from "../intake/service.js";
import { loadIncidentForChange } from "./access.js";
import { insertIncidentEvent } from "./events-store.js";
import {
  type LinkableReport,
  countLinksOfReport,
  deleteLink,
  insertLink,
  isLinked,
  lockVisibleReports,
  refreshReportKpis,
} from "./incident-store.js";
import { keepNamedRecipient } from "./members.js";
import type { IncidentContext } from "./types.js";

// Reports are linked to incidents, never merged into them (RTIR): each keeps its own conversation,
// attachments and history, and may belong to several incidents.

const userIdOf = (ctx: IncidentContext) => (ctx.actor.kind === "user" ? ctx.actor.userId : null);

/** 409 `tlp_below_report` when the incident's TLP would be weaker than a report's: never silently weaken it. */
export function assertTlpCovers(incidentTlp: TlpLabel, reports: readonly { reference: string; tlp: TlpLabel }[]) {
  const stricter = reports.filter((r) => tlpRank(r.tlp) > tlpRank(incidentTlp));
  if (stricter.length === 0) return;
  const named = stricter.map((r) => `${r.reference} (${r.tlp})`).join(", ");
  throw conflict("tlp_below_report", `${incidentTlp} is less restrictive than the reporter's marking of ${named}`);
}

/** 409 `report_rejected` when a report was rejected (spam, duplicate): it cannot join an incident. */
export function assertNotRejected(reports: readonly LinkableReport[]): void {
  const rejected = reports.filter((r) => r.status === "rejected").map((r) => r.reference);
  if (rejected.length > 0)
    throw conflict("report_rejected", `Rejected reports cannot be linked: ${rejected.join(", ")}`);
}

/** Links a locked report to the incident: the link, the report's status, the timeline entry. */
export async function attachReport(
  tx: Db,
  ctx: IncidentContext,
  incidentId: string,
  report: LinkableReport,
  at: Date,
): Promise<void> {
  const by = userIdOf(ctx);
  await insertLink(tx, { incidentId, reportId: report.id, at, by });
  await markReportLinked(tx, report, by, at);
  await insertIncidentEvent(tx, {
    incidentId,
    kind: "report_linked",
    occurredAt: at,
    recordedAt: at,
    authorId: by,
    data: { report: report.reference },
  });
}

async function lockReportOr404(tx: Db, ctx: IncidentContext, reference: string): Promise<LinkableReport> {
  const [report] = await lockVisibleReports(tx, ctx.actor, [reference.toUpperCase()]);
  if (!report) throw notFound("report_not_found", `No report ${reference}`);
  return report;
}

/** Links the report to the incident; answers the incident's id. */
export async function linkReport(ctx: IncidentContext, reference: string, reportReference: string): Promise<string> {
  return inTransaction(ctx.db, async (tx) => {
    const incident = await loadIncidentForChange(tx, ctx.actor, reference);
    const report = await lockReportOr404(tx, ctx, reportReference);
    if (await isLinked(tx, incident.id, report.id))
      throw conflict("report_already_linked", `${report.reference} is already linked to ${incident.reference}`);
    assertNotRejected([report]);
    assertTlpCovers(incident.tlp, [report]);
    const now = ctx.clock.now();
    await attachReport(tx, ctx, incident.id, report, now);
    await refreshReportKpis(tx, incident.id);
    // The report is hidden from everyone but the incident's readers now: whoever linked it stays one.
    await keepNamedRecipient(tx, ctx, incident, "linked_report", now);
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "incident.report_linked",
      target: { type: "incident", id: incident.reference },
      diff: { report: report.reference },
      ip: ctx.ip ?? null,
    });
    return incident.id;
  });
}

/** Unlinks the report; it goes back to `acknowledged` when no other incident holds it. */
export async function unlinkReport(ctx: IncidentContext, reference: string, reportReference: string): Promise<string> {
  return inTransaction(ctx.db, async (tx) => {
    const incident = await loadIncidentForChange(tx, ctx.actor, reference);
    const report = await lockReportOr404(tx, ctx, reportReference);
    if (!(await deleteLink(tx, incident.id, report.id)))
      throw conflict("report_not_linked", `${report.reference} is not linked to ${incident.reference}`);
    const stillLinked = (await countLinksOfReport(tx, report.id)) > 0;
    if (!stillLinked) await markReportUnlinked(tx, report.id);
    const now = ctx.clock.now();
    await insertIncidentEvent(tx, {
      incidentId: incident.id,
      kind: "report_unlinked",
      occurredAt: now,
      recordedAt: now,
      authorId: userIdOf(ctx),
      data: { report: report.reference },
    });
    await refreshReportKpis(tx, incident.id);
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "incident.report_unlinked",
      target: { type: "incident", id: incident.reference },
      diff: { report: report.reference, reportStatus: stillLinked ? "linked" : "acknowledged" },
      ip: ctx.ip ?? null,
    });
    return incident.id;
  });
}
