import { z } from "zod";

// GET /api/v1/statistics (api-v1.md "Operations"): the CERT's figures for a period, from the history
// of its cases (features/statistics). Durations are in seconds; a percentile is null when nothing in
// the period has that time yet. Counts are of what the caller may see (TLP: a TLP:RED incident and its
// reports count only for its named recipients and admins).

export const StatisticsGroupBy = z.enum(["month", "class", "sector", "severity"]);
export type StatisticsGroupBy = z.infer<typeof StatisticsGroupBy>;

/** A day (`2026-01-01`, from its start in UTC) or an instant with offset. */
const Bound = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const StatisticsQuery = z.object({
  /** Inclusive; default the first of January this year. */
  from: Bound.optional(),
  /** Exclusive; default now. A day means its start: `to=2027-01-01` ends with the last of December. */
  to: Bound.optional(),
  groupBy: StatisticsGroupBy.default("month"),
  /** `previous`: the same figures for the period of the same length just before. */
  compare: z.enum(["none", "previous"]).default("none"),
  format: z.enum(["json", "csv"]).default("json"),
});
export type StatisticsQuery = z.infer<typeof StatisticsQuery>;

export const Percentiles = z.object({
  p50: z.number().nullable(),
  p90: z.number().nullable(),
  /** How many cases have this time (the others have not reached that point yet). */
  count: z.number().int(),
});
export type Percentiles = z.infer<typeof Percentiles>;

/** Time to acknowledge is the reports' (the duty promise); the other three are the incidents'. */
export const Kpis = z.object({
  timeToAcknowledge: Percentiles,
  timeToFirstResponse: Percentiles,
  timeToContainment: Percentiles,
  timeToResolve: Percentiles,
});
export type Kpis = z.infer<typeof Kpis>;

export const StatisticsGroup = Kpis.extend({
  /** `2026-03`, an RSIT class, a sector, a severity; null: none given (an incident counts in each of its sectors). */
  key: z.string().nullable(),
  reports: z.number().int(),
  incidents: z.number().int(),
});
export type StatisticsGroup = z.infer<typeof StatisticsGroup>;

export const KeyCount = z.object({ key: z.string().nullable(), count: z.number().int() });
export type KeyCount = z.infer<typeof KeyCount>;

export const Nis2DeadlineCounts = z.object({
  kind: z.string(),
  /** `reporter`: the entity's own deadline; `cert`: the CERT's initial feedback (art. 23(5)). */
  party: z.enum(["reporter", "cert"]),
  onTime: z.number().int(),
  late: z.number().int(),
  pending: z.number().int(),
});

export const StatisticsSummary = Kpis.extend({
  from: z.string(),
  to: z.string(),
  reports: z.number().int(),
  incidents: z.number().int(),
  events: z.number().int(),
  groups: z.array(StatisticsGroup),
  nis2: z.object({
    onTime: z.number().int(),
    late: z.number().int(),
    pending: z.number().int(),
    byDeadline: z.array(Nis2DeadlineCounts),
  }),
  reportsByChannel: z.array(KeyCount),
  incidentsByClass: z.array(KeyCount),
  incidentsBySector: z.array(KeyCount),
  incidentsBySeverity: z.array(KeyCount),
  eventsByType: z.array(KeyCount),
  notifications: z.object({ sent: z.number().int(), bounced: z.number().int() }),
  /** The RSIT taxonomy versions the period's incidents were classified under; more than one: not comparable. */
  taxonomy: z.object({ versions: z.array(z.number().int()), changed: z.boolean() }),
});
export type StatisticsSummary = z.infer<typeof StatisticsSummary>;

export const Statistics = StatisticsSummary.extend({
  groupBy: StatisticsGroupBy,
  previous: StatisticsSummary.nullable(),
});
export type Statistics = z.infer<typeof Statistics>;
