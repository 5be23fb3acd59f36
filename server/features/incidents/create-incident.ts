import type { IncidentCreate } from "../../../contract/incidents.js";
import { RSIT_VERSION } from "../../../contract/rsit.js";
import { appendAudit } from "../../platform/audit.js";
import { inTransaction } from "../../platform/db/connect.js";
import { allocateYearlyNumber, yearIn } from "../../platform/db/yearly-number.js";
import { type FieldError, forbidden, invalid } from "../../platform/errors.js";
import { strictestTlp, worksCases } from "../../platform/tlp.js";
import { addPlaybookTasks } from "./apply-playbook.js";
import { insertIncidentEvent } from "./events-store.js";
import { assigneeErrors, classificationErrors } from "./field-checks.js";
import { insertIncident, lockVisibleReports, refreshReportKpis } from "./incident-store.js";
import { assertNotRejected, assertTlpCovers, attachReport } from "./link-report.js";
import { keepNamedRecipient } from "./members.js";
import { dueAtFor } from "./sla.js";
import type { IncidentContext } from "./types.js";

/** FYR-INC-2026-0007: the prefix, the year where the CERT works, a number per year. */
export function incidentReference(prefix: string, year: number, n: number): string {
  return `${prefix}-INC-${year}-${String(n).padStart(4, "0")}`;
}

/**
 * Opens an incident, from reports or from nothing. The linked reports must exist and be visible to
 * the actor and not be rejected; the TLP defaults to the strictest of theirs and may not be weaker.
 * The SLA clock starts now. Answers the new incident's id and reference.
 */
export async function createIncident(
  ctx: IncidentContext,
  input: IncidentCreate,
): Promise<{ id: string; reference: string }> {
  if (!worksCases(ctx.actor)) throw forbidden("forbidden", "Your roles do not allow opening incidents");
  const actorId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const wanted = input.reports.map((r) => r.toUpperCase());
  return inTransaction(ctx.db, async (tx) => {
    const reports = await lockVisibleReports(tx, ctx.actor, [...new Set(wanted)]);
    const byReference = new Map(reports.map((r) => [r.reference, r]));
    const errors: FieldError[] = [
      ...classificationErrors(input.classification, "body.classification"),
      ...wanted.flatMap((ref, i) =>
        byReference.has(ref)
          ? []
          : [{ path: `body.reports.${i}`, message: `no report ${ref}`, code: "unknown_value" as const }],
      ),
      ...(input.assigneeId ? await assigneeErrors(tx, input.assigneeId, "body.assigneeId") : []),
    ];
    if (errors.length > 0) throw invalid("validation_failed", "Some fields are invalid", errors);
    assertNotRejected(reports);
    const tlp = input.tlp ?? strictestTlp(reports.map((r) => r.tlp)) ?? "TLP:AMBER";
    assertTlpCovers(tlp, reports);

    const now = ctx.clock.now();
    const number = await allocateYearlyNumber(tx, "incident", yearIn(now, ctx.config.timeZone));
    const reference = incidentReference(ctx.config.referencePrefix, yearIn(now, ctx.config.timeZone), number);
    const classification = input.classification ?? null;
    const id = await insertIncident(tx, {
      reference,
      title: input.title,
      severity: input.severity,
      rsit_class: classification?.class ?? null,
      rsit_type: classification?.type ?? null,
      rsit_version: classification ? RSIT_VERSION : null,
      sectors: input.sectors,
      affected_organisations: input.affectedOrganisations,
      tlp,
      pap: input.pap ?? "PAP:AMBER",
      assignee_id: input.assigneeId ?? null,
      due_at: dueAtFor(input.severity, now, ctx.config.incidentSlaHours),
      sla_paused_at: null,
      resolution: null,
      reported_at: null,
      acknowledged_at: null,
      first_response_at: null,
      contained_at: null,
      resolved_at: null,
      rejected_at: null,
      created_at: now,
      created_by: actorId,
      updated_at: now,
    });
    await insertIncidentEvent(tx, {
      incidentId: id,
      kind: "created",
      occurredAt: now,
      recordedAt: now,
      authorId: actorId,
      data: { title: input.title, severity: input.severity, tlp, assigneeId: input.assigneeId ?? null },
    });
    for (const report of reports) await attachReport(tx, ctx, id, report, now);
    if (reports.length > 0) await refreshReportKpis(tx, id);
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "incident.created",
      target: { type: "incident", id: reference },
      diff: {
        title: input.title,
        severity: input.severity,
        classification,
        tlp,
        assigneeId: input.assigneeId ?? null,
        reports: reports.map((r) => r.reference),
      },
      ip: ctx.ip ?? null,
    });
    // A TLP:RED incident opened for nobody, or handed over later, must not vanish from whoever opened it.
    await keepNamedRecipient(tx, ctx, { id, reference, tlp }, "created", now);
    // Last: it appends its own timeline and audit entries in this transaction.
    if (input.playbookId)
      await addPlaybookTasks({ ...ctx, db: tx }, { id, reference }, input.playbookId, input.playbookLanguage);
    return { id, reference };
  });
}
