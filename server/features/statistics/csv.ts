import type { Kpis, Statistics, StatisticsSummary } from "../../../contract/statistics.js";
import { UTF8_BOM, csvLine } from "../../platform/csv-cell.js";

// The statistics as a spreadsheet: one line per group, then the total, then (when compared) the
// previous period's; then each breakdown as `dimension,key,count` lines. Durations in hours, two
// decimals, as a spreadsheet user reads them. Column names are English and stable (scripts read them).

const KPI_COLUMNS = ["timeToAcknowledge", "timeToFirstResponse", "timeToContainment", "timeToResolve"] as const;

const hours = (seconds: number | null) => (seconds === null ? "" : (seconds / 3600).toFixed(2));

function kpiCells(k: Kpis): string[] {
  return KPI_COLUMNS.flatMap((c) => [hours(k[c].p50), hours(k[c].p90), String(k[c].count)]);
}

function periodLines(period: "current" | "previous", s: StatisticsSummary): string {
  const lines = s.groups.map((g) =>
    csvLine([period, g.key ?? "", String(g.reports), String(g.incidents), ...kpiCells(g)]),
  );
  lines.push(csvLine([period, "total", String(s.reports), String(s.incidents), ...kpiCells(s)]));
  return lines.join("");
}

function breakdownLines(period: "current" | "previous", s: StatisticsSummary): string {
  const rows: [string, string | null, number][] = [
    ...s.reportsByChannel.map((r): [string, string | null, number] => ["reports.channel", r.key, r.count]),
    ...s.incidentsByClass.map((r): [string, string | null, number] => ["incidents.class", r.key, r.count]),
    ...s.incidentsBySector.map((r): [string, string | null, number] => ["incidents.sector", r.key, r.count]),
    ...s.incidentsBySeverity.map((r): [string, string | null, number] => ["incidents.severity", r.key, r.count]),
    ...s.eventsByType.map((r): [string, string | null, number] => ["events.type", r.key, r.count]),
    ["notifications.sent", null, s.notifications.sent],
    ["notifications.bounced", null, s.notifications.bounced],
    ["nis2.onTime", null, s.nis2.onTime],
    ["nis2.late", null, s.nis2.late],
    ["nis2.pending", null, s.nis2.pending],
  ];
  return rows.map(([d, k, n]) => csvLine([period, d, k ?? "", String(n)])).join("");
}

/** The CSV file of a statistics answer. */
export function statisticsCsv(stats: Statistics): string {
  const header = csvLine([
    "period",
    stats.groupBy,
    "reports",
    "incidents",
    ...KPI_COLUMNS.flatMap((c) => [`${c}.p50.hours`, `${c}.p90.hours`, `${c}.count`]),
  ]);
  const groups = periodLines("current", stats) + (stats.previous ? periodLines("previous", stats.previous) : "");
  const breakdowns =
    csvLine(["period", "dimension", "key", "count"]) +
    breakdownLines("current", stats) +
    (stats.previous ? breakdownLines("previous", stats.previous) : "");
  return UTF8_BOM + header + groups + "\r\n" + breakdowns;
}
