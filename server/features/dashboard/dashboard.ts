import type { Dashboard } from "../../../contract/dashboard.js";
import { IncidentsQuery } from "../../../contract/incident-list.js";
import type { Config } from "../../platform/config.js";
import type { ServiceContext } from "../../platform/deps.js";
import { forbidden } from "../../platform/errors.js";
import { hasRole } from "../../platform/auth/actor.js";
import { readsCases } from "../../platform/tlp.js";
import { operationsAttention } from "../operations/attention.js";
import { newReplies } from "../unread/unread.js";
import { listIncidents } from "../incidents/list-incidents.js";
import { timeliness } from "../intake/ack-target.js";
import { nis2DeadlinesDue } from "../intake/service.js";
import { sectorOf } from "../intake/present-report.js";
import { selectCounts, selectOpenBySeverity, selectWaitingReports } from "./store.js";

export type DashboardContext = ServiceContext & {
  config: Pick<Config, "timeZone" | "ackTargetMinutes" | "ackTargetNis2Minutes">;
};

const WAITING_SHOWN = 200;
const OVERDUE_SHOWN = 20;
const REPLIES_SHOWN = 20;
const NIS2_HORIZON_MS = 24 * 3_600_000;

/**
 * The duty dashboard — the console's landing page for everyone who reads cases: what waits, what is new,
 * what is late, and for administrators what the platform needs. The reports' clocks are intake's own acknowledgement targets (ack-target.ts); the
 * reports are read here rather than through intake's inbox because the dashboard must pass them through
 * the TLP policy (a report linked to a TLP:RED incident stays hidden), oldest first.
 */
export async function dashboard(ctx: DashboardContext): Promise<Dashboard> {
  const actor = ctx.actor;
  if (actor.kind !== "user" || !readsCases(actor)) throw forbidden();
  const now = ctx.clock.now();
  const [waiting, counts, bySeverity, overdue, mine, replies, nis2Due, operations] = await Promise.all([
    selectWaitingReports(ctx.db, actor, WAITING_SHOWN),
    selectCounts(ctx.db, actor, now, ctx.config.timeZone),
    selectOpenBySeverity(ctx.db, actor),
    listIncidents(ctx, IncidentsQuery.parse({ view: "overdue", sort: "due", limit: OVERDUE_SHOWN })),
    listIncidents(ctx, IncidentsQuery.parse({ view: "overdue", assignee: "me", sort: "due", limit: OVERDUE_SHOWN })),
    newReplies(ctx, REPLIES_SHOWN),
    nis2DeadlinesDue(ctx.db, actor, now, NIS2_HORIZON_MS),
    hasRole(actor, "admin") ? operationsAttention(ctx) : null,
  ]);
  return {
    unacknowledged: {
      total: Number(counts.waiting_reports),
      items: waiting.map((row) => ({
        reference: row.reference,
        channel: row.channel,
        receivedAt: row.received_at.toISOString(),
        summary: row.summary,
        organisationName: row.organisation_name,
        sector: sectorOf(row.organisation_sector),
        tlp: row.tlp,
        nis2: row.nis2_applies === true,
        ...timeliness(row, ctx.config, now),
      })),
    },
    overdueIncidents: { total: Number(counts.overdue_incidents), items: overdue.items },
    today: {
      date: counts.day,
      timeZone: ctx.config.timeZone,
      reportsReceived: Number(counts.reports_received),
      incidentsOpened: Number(counts.incidents_opened),
      incidentsResolved: Number(counts.incidents_resolved),
    },
    openBySeverity: {
      critical: bySeverity.get("critical") ?? 0,
      high: bySeverity.get("high") ?? 0,
      medium: bySeverity.get("medium") ?? 0,
      low: bySeverity.get("low") ?? 0,
    },
    newReplies: replies,
    myOverdueIncidents: mine.items,
    nis2Due,
    operations,
    generatedAt: now.toISOString(),
  };
}
