import type { IncidentLegalHold, RetentionCounts, RetentionReport } from "../../../contract/retention.js";
import { appendAudit } from "../../platform/audit.js";
import { type Actor, hasRole } from "../../platform/auth/actor.js";
import type { Clock } from "../../platform/clock.js";
import type { Config } from "../../platform/config.js";
import type { Db } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { forbidden } from "../../platform/errors.js";
import { loadIncidentForChange, loadVisibleIncident } from "../incidents/access.js";
import {
  countAuditPastPeriod,
  deleteHold,
  insertHold,
  insertRun,
  removeIncidentCorrespondence,
  removeOldMail,
  removeReportTexts,
  removeReporterContacts,
  selectHold,
  selectHolds,
  sumRuns,
} from "./store.js";

export type RetentionMonths = Config["retentionMonths"];

/**
 * One retention run in one transaction (nothing half-removed): each kind of data whose period after
 * closure has passed loses its personal data; a period of 0 keeps that kind. Recorded as a run and in
 * the audit trail. Reversible only by restoring a backup.
 */
export async function applyRetention(
  tx: Db,
  clock: Clock,
  actor: Actor,
  settings: RetentionMonths,
): Promise<RetentionCounts> {
  const contacts = settings.contacts > 0 ? await removeReporterContacts(tx, settings.contacts) : [];
  const texts = settings.reports > 0 ? await removeReportTexts(tx, settings.reports) : { reports: [], attachments: 0 };
  const incidents = settings.incidents > 0 ? await removeIncidentCorrespondence(tx, settings.incidents) : [];
  const mail = settings.mail > 0 ? await removeOldMail(tx, settings.mail) : 0;
  const counts: RetentionCounts = {
    contacts: contacts.length,
    reportTexts: texts.reports.length,
    attachments: texts.attachments,
    incidentCorrespondence: incidents.length,
    mail,
    auditPastPeriod: settings.audit > 0 ? await countAuditPastPeriod(tx, settings.audit) : 0,
  };
  const run = await insertRun(tx, counts, settings);
  await appendAudit(tx, clock, {
    actor,
    action: "retention.applied",
    target: { type: "retention_run", id: String(run) },
    diff: { counts, settings },
  });
  return counts;
}

/** Staff who work cases put an incident (and every report linked to it) out of retention's reach. */
export async function setLegalHold(ctx: ServiceContext, reference: string, reason: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const incident = await loadIncidentForChange(tx, ctx.actor, reference);
    await insertHold(tx, incident.id, reason, ctx.actor.kind === "user" ? ctx.actor.userId : null);
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "retention.hold_set",
      target: { type: "incident", id: incident.reference },
      diff: { reason },
      ip: ctx.ip ?? null,
    });
  });
}

export async function clearLegalHold(ctx: ServiceContext, reference: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const incident = await loadIncidentForChange(tx, ctx.actor, reference);
    if (!(await deleteHold(tx, incident.id))) return;
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "retention.hold_cleared",
      target: { type: "incident", id: incident.reference },
      ip: ctx.ip ?? null,
    });
  });
}

/** An incident's legal hold, for whoever may see the incident (its page shows it). */
export async function getLegalHold(ctx: ServiceContext, reference: string): Promise<IncidentLegalHold> {
  const incident = await loadVisibleIncident(ctx.db, ctx.actor, reference);
  const row = await selectHold(ctx.db, incident.id);
  if (!row) return { hold: null };
  return {
    hold: {
      reason: row.reason,
      setAt: row.set_at.toISOString(),
      setBy: row.set_by ? { id: row.set_by, name: row.set_by_name ?? "" } : null,
    },
  };
}

function assertAdmin(actor: Actor): void {
  if (!hasRole(actor, "admin")) throw forbidden("forbidden", "Retention is for administrators");
}

export async function listLegalHolds(ctx: ServiceContext) {
  assertAdmin(ctx.actor);
  const rows = await selectHolds(ctx.db);
  return { items: rows.map((r) => ({ ...r, setAt: r.setAt.toISOString() })) };
}

/** What retention removed in a calendar year (UTC), for the yearly report a public authority gives. */
export async function retentionReport(
  ctx: ServiceContext,
  year: number,
  settings: RetentionMonths,
): Promise<RetentionReport> {
  assertAdmin(ctx.actor);
  const { runs, counts } = await sumRuns(ctx.db, new Date(Date.UTC(year, 0, 1)), new Date(Date.UTC(year + 1, 0, 1)));
  const holds = await selectHolds(ctx.db);
  return { year, runs, removed: counts, settings, legalHolds: holds.length };
}

/** An administrator runs retention now (else the worker does, daily). */
export async function runRetentionNow(ctx: ServiceContext, settings: RetentionMonths): Promise<RetentionCounts> {
  assertAdmin(ctx.actor);
  return ctx.db.transaction().execute((tx) => applyRetention(tx, ctx.clock, ctx.actor, settings));
}
