import type {
  KeyCount,
  Kpis,
  Statistics,
  StatisticsGroupBy,
  StatisticsQuery,
  StatisticsSummary,
} from "../../../contract/statistics.js";
import type { UserActor } from "../../platform/auth/actor.js";
import type { ServiceContext } from "../../platform/deps.js";
import { forbidden, invalid } from "../../platform/errors.js";
import { readsStatistics } from "./policy.js";
import { inTransaction } from "../../platform/db/connect.js";
import {
  type GroupRow,
  type Period,
  allowSortMemory,
  selectBreakdowns,
  selectEventsByType,
  selectGroups,
  selectNis2,
  selectNotificationCounts,
} from "./query-store.js";
import { refreshStatistics } from "./refresh.js";

export type StatisticsContext = ServiceContext & { actor: UserActor };

const DAY = 86_400_000;
/** Longest period asked for at once: ten years (a decade of monthly groups is still a small answer). */
const MAX_PERIOD_DAYS = 3_660;

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

function kpis(row: GroupRow | undefined): Kpis {
  const p = (p50: number | null | undefined, p90: number | null | undefined, n: number | undefined) => ({
    p50: num(p50 ?? null),
    p90: num(p90 ?? null),
    count: Number(n ?? 0),
  });
  return {
    timeToAcknowledge: p(row?.ack50, row?.ack90, row?.ack_n),
    timeToFirstResponse: p(row?.resp50, row?.resp90, row?.resp_n),
    timeToContainment: p(row?.cont50, row?.cont90, row?.cont_n),
    timeToResolve: p(row?.res50, row?.res90, row?.res_n),
  };
}

/** The period asked for: a day is its start in UTC; default from the first of January to now. */
export function periodOf(query: Pick<StatisticsQuery, "from" | "to">, now: Date): Period {
  const at = (v: string) => new Date(v.length === 10 ? `${v}T00:00:00Z` : v);
  const from = query.from ? at(query.from) : new Date(Date.UTC(now.getUTCFullYear(), 0, 1));
  const to = query.to ? at(query.to) : now;
  if (to.getTime() <= from.getTime())
    throw invalid("validation_failed", "The period is invalid", [
      { path: "querystring.from", message: "after to", code: "window_reversed" },
    ]);
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY)
    throw invalid("validation_failed", "The period is invalid", [
      {
        path: "querystring.to",
        message: `more than ${MAX_PERIOD_DAYS} days after from`,
        code: "window_too_long",
        params: { limit: MAX_PERIOD_DAYS },
      },
    ]);
  return { from, to };
}

const sorted = (rows: KeyCount[]) =>
  rows.sort((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key)));

/** The figures of one period, counted over what the actor may see. */
async function summary(ctx: StatisticsContext, period: Period, groupBy: StatisticsGroupBy): Promise<StatisticsSummary> {
  const now = ctx.clock.now();
  // One transaction: one connection, whose sorts may use more memory (the queries would only contend
  // for the same cores if run side by side).
  const { rows, breakdowns, nis2, eventsByType, notifications } = await inTransaction(ctx.db, async (tx) => {
    await allowSortMemory(tx);
    return {
      rows: await selectGroups(tx, ctx.actor, period, groupBy),
      breakdowns: await selectBreakdowns(tx, ctx.actor, period),
      nis2: await selectNis2(tx, ctx.actor, period, now),
      eventsByType: await selectEventsByType(tx, period),
      notifications: await selectNotificationCounts(tx, period),
    };
  });
  const total = rows.find((r) => r.total);
  const groups = rows.filter((r) => !r.total);
  const dimension = (d: string): KeyCount[] =>
    sorted(breakdowns.filter((b) => b.dimension === d).map((b) => ({ key: b.key, count: Number(b.count) })));
  const versions = breakdowns
    .filter((b) => b.dimension === "version" && b.key !== null)
    .map((b) => Number(b.key))
    .sort((a, b) => a - b);
  const sum = (k: "on_time" | "late" | "pending") => nis2.reduce((n, r) => n + Number(r[k]), 0);
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    reports: Number(total?.reports ?? 0),
    incidents: Number(total?.incidents ?? 0),
    events: eventsByType.reduce((n, e) => n + e.count, 0),
    ...kpis(total),
    groups: groups.map((g) => ({ key: g.key, reports: Number(g.reports), incidents: Number(g.incidents), ...kpis(g) })),
    nis2: {
      onTime: sum("on_time"),
      late: sum("late"),
      pending: sum("pending"),
      byDeadline: nis2.map((r) => ({
        kind: r.kind,
        party: r.party,
        onTime: Number(r.on_time),
        late: Number(r.late),
        pending: Number(r.pending),
      })),
    },
    reportsByChannel: dimension("channel"),
    incidentsByClass: dimension("class"),
    incidentsBySector: dimension("sector"),
    incidentsBySeverity: dimension("severity"),
    eventsByType,
    notifications,
    taxonomy: { versions, changed: versions.length > 1 },
  };
}

/**
 * GET /api/v1/statistics: the period's figures (and the previous period's, when asked), after taking in
 * whatever the history holds that the background pass has not read yet — so a figure is never a minute
 * behind the cases it counts.
 */
export async function readStatistics(ctx: StatisticsContext, query: StatisticsQuery): Promise<Statistics> {
  if (!readsStatistics(ctx.actor)) throw forbidden();
  const period = periodOf(query, ctx.clock.now());
  await refreshStatistics(ctx.db, ctx.clock);
  const current = await summary(ctx, period, query.groupBy);
  const length = period.to.getTime() - period.from.getTime();
  const previous =
    query.compare === "previous"
      ? await summary(ctx, { from: new Date(period.from.getTime() - length), to: period.from }, query.groupBy)
      : null;
  return { ...current, groupBy: query.groupBy, previous };
}
