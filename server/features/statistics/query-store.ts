import { type RawBuilder, sql } from "kysely";
import type { StatisticsGroupBy } from "../../../contract/statistics.js";
import type { Db } from "../../platform/db/connect.js";
import { statisticsHiddenCasesSql } from "./policy.js";
import type { Actor } from "../../platform/auth/actor.js";

// SQL only: the figures of a period, read from the statistics read model (facts, daily event counts)
// and, for what the model has not taken in yet, live.

export interface Period {
  from: Date;
  to: Date;
}

/** The facts the actor may count, started within the period. */
function visibleFacts(actor: Actor, period: Period): RawBuilder<unknown> {
  return sql`(select * from statistics_case_facts
    where started_at >= ${period.from} and started_at < ${period.to}
      and case_id not in (${statisticsHiddenCasesSql(actor)}))`;
}

/** The one key a fact counts under, for every grouping but sector. */
function groupKey(groupBy: Exclude<StatisticsGroupBy, "sector">): RawBuilder<unknown> {
  switch (groupBy) {
    case "month":
      return sql`to_char(f.started_at at time zone 'UTC', 'YYYY-MM')`;
    case "severity":
      return sql`f.severity`;
    case "class":
      return sql`f.rsit_class`;
  }
}

export interface GroupRow {
  /** True for the whole period's row. */
  total: boolean;
  key: string | null;
  reports: number;
  incidents: number;
  ack50: number | null;
  ack90: number | null;
  ack_n: number;
  resp50: number | null;
  resp90: number | null;
  resp_n: number;
  cont50: number | null;
  cont90: number | null;
  cont_n: number;
  res50: number | null;
  res90: number | null;
  res_n: number;
}

const kpi = (column: string, kind: "report" | "incident", name: string) => {
  const c = sql.ref(`f.${column}`);
  return sql`percentile_cont(0.5) within group (order by ${c}) filter (where f.kind = ${kind}) as ${sql.ref(`${name}50`)},
    percentile_cont(0.9) within group (order by ${c}) filter (where f.kind = ${kind}) as ${sql.ref(`${name}90`)},
    count(${c}) filter (where f.kind = ${kind})::int as ${sql.ref(`${name}_n`)}`;
};
const measures = sql`count(*) filter (where f.kind = 'report')::int as reports,
  count(*) filter (where f.kind = 'incident')::int as incidents,
  ${kpi("ack_seconds", "report", "ack")},
  ${kpi("first_response_seconds", "incident", "resp")},
  ${kpi("containment_seconds", "incident", "cont")},
  ${kpi("resolution_seconds", "incident", "res")}`;

/**
 * Counts and KPI percentiles per group and for the whole period (`total`), in one scan where a case has
 * one key (grouping sets); by sector, where an incident counts in each of its sectors, the total is its
 * own query (the unnested rows would count it once per sector).
 */
export async function selectGroups(
  db: Db,
  actor: Actor,
  period: Period,
  groupBy: StatisticsGroupBy,
): Promise<GroupRow[]> {
  if (groupBy !== "sector") {
    const result = await sql<GroupRow>`
      select grouping(g.key) = 1 as total, g.key, ${measures}
      from ${visibleFacts(actor, period)} f cross join lateral (select ${groupKey(groupBy)} as key) g
      group by grouping sets ((g.key), ()) order by g.key nulls last`.execute(db);
    return result.rows;
  }
  const groups = await sql<GroupRow>`
    select false as total, g.key, ${measures}
    from ${visibleFacts(actor, period)} f
    cross join lateral unnest(case when cardinality(f.sectors) = 0 then array[null::text] else f.sectors end) as g(key)
    group by g.key order by g.key nulls last`.execute(db);
  const total = await sql<GroupRow>`
    select true as total, null as key, ${measures} from ${visibleFacts(actor, period)} f`.execute(db);
  return [...groups.rows, ...total.rows];
}

export interface BreakdownRow {
  dimension: "channel" | "class" | "sector" | "severity" | "version";
  key: string | null;
  count: number;
}

/** Reports by channel; incidents by class, sector and severity; the taxonomy versions in use. */
export async function selectBreakdowns(db: Db, actor: Actor, period: Period): Promise<BreakdownRow[]> {
  const result = await sql<BreakdownRow>`
    with f as materialized (
      select kind, channel, rsit_class, severity, sectors, rsit_version from ${visibleFacts(actor, period)} v)
    select 'channel' as dimension, channel as key, count(*)::int as count from f where kind = 'report' group by channel
    union all
    select 'class', rsit_class, count(*)::int from f where kind = 'incident' group by rsit_class
    union all
    select 'severity', severity, count(*)::int from f where kind = 'incident' group by severity
    union all
    select 'sector', s.key, count(*)::int from f
      cross join lateral unnest(case when cardinality(f.sectors) = 0 then array[null::text] else f.sectors end) as s(key)
      where kind = 'incident' group by s.key
    union all
    select 'version', rsit_version::text, count(*)::int from f
      where kind = 'incident' and rsit_version is not null group by rsit_version`.execute(db);
  return result.rows;
}

export interface Nis2Row {
  kind: string;
  party: "reporter" | "cert";
  on_time: number;
  late: number;
  pending: number;
}

/** NIS2 deadlines of the period's reports: met in time, late (met late, or passed unmet by `now`), pending. */
export async function selectNis2(db: Db, actor: Actor, period: Period, now: Date): Promise<Nis2Row[]> {
  const result = await sql<Nis2Row>`
    with d as (
      select x ->> 'kind' as kind, x ->> 'party' as party,
        (x ->> 'dueAt')::timestamptz as due, (x ->> 'metAt')::timestamptz as met
      from ${visibleFacts(actor, period)} f cross join lateral jsonb_array_elements(f.nis2_deadlines) as x
      where f.kind = 'report'
    )
    select kind, party,
      count(*) filter (where met is not null and (due is null or met <= due))::int as on_time,
      count(*) filter (where due is not null and coalesce(met, ${now}) > due)::int as late,
      count(*) filter (where met is null and (due is null or due >= ${now}))::int as pending
    from d group by kind, party order by kind, party`.execute(db);
  return result.rows;
}

/**
 * Feed events by type, by UTC day (a day counts when its start is in the period): from the daily counts,
 * plus the events of runs not counted yet (running, or finished since the last pass).
 */
export async function selectEventsByType(db: Db, period: Period): Promise<{ key: string; count: number }[]> {
  const result = await sql<{ key: string; count: number }>`
    select key, sum(n)::bigint as count from (
      select event_type as key, events as n from statistics_daily_events
      where day::timestamp >= (${period.from}::timestamptz at time zone 'UTC')
        and day::timestamp < (${period.to}::timestamptz at time zone 'UTC')
      union all
      select classification_type, count(*) from feed_events e
      where e.run_id in (select r.id from feed_runs r
                         where not exists (select 1 from statistics_counted_runs c where c.run_id = r.id))
        and date_trunc('day', e.time_source at time zone 'UTC') >= (${period.from}::timestamptz at time zone 'UTC')
        and date_trunc('day', e.time_source at time zone 'UTC') < (${period.to}::timestamptz at time zone 'UTC')
      group by classification_type
    ) t group by key order by count desc, key`.execute(db);
  return result.rows.map((r) => ({ key: r.key, count: Number(r.count) }));
}

/** Lets the percentiles sort in memory (a year's 250,000 facts overflow the default 4 MB to disk). */
export async function allowSortMemory(tx: Db): Promise<void> {
  await sql`set local work_mem = '64MB'`.execute(tx);
}

/** Notification deliveries made in the period, and how many of them bounced. */
export async function selectNotificationCounts(db: Db, period: Period): Promise<{ sent: number; bounced: number }> {
  const row = await db
    .selectFrom("notification_deliveries")
    .select((eb) => [eb.fn.countAll<number>().as("sent"), eb.fn.count<number>("bounced_at").as("bounced")])
    .where("created_at", ">=", period.from)
    .where("created_at", "<", period.to)
    .executeTakeFirst();
  return { sent: Number(row?.sent ?? 0), bounced: Number(row?.bounced ?? 0) };
}
