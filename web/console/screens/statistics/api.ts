import { useQuery } from "@tanstack/react-query";
import type { Statistics, StatisticsGroupBy } from "../../../../contract/statistics.js";
import { api, query } from "../../../lib/api/client.js";

export interface StatisticsFilter {
  /** First day, `YYYY-MM-DD`. */
  from: string;
  /** Last day, inclusive, `YYYY-MM-DD` (the API's `to` is the day after). */
  to: string;
  groupBy: StatisticsGroupBy;
  compare: boolean;
}

/** The day after a `YYYY-MM-DD` day. */
export function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The API's query for a filter (shared by the figures and the CSV link). */
export function statisticsQuery(f: StatisticsFilter, format?: "csv"): string {
  return query({
    from: f.from,
    to: dayAfter(f.to),
    groupBy: f.groupBy,
    compare: f.compare ? "previous" : undefined,
    format,
  });
}

export const useStatistics = (f: StatisticsFilter) =>
  useQuery({
    queryKey: ["statistics", f.from, f.to, f.groupBy, f.compare],
    queryFn: () => api<Statistics>("GET", `/statistics${statisticsQuery(f)}`),
  });
