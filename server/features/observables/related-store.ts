import { sql } from "kysely";
import {
  type CaseKind,
  type ObservableType,
  type SightingOrigin,
  UNCORRELATED_TYPES,
} from "../../../contract/observables.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import { hiddenCasesSql, verdictVisibleSql } from "../../platform/tlp.js";

// SQL for correlation. Every query that looks beyond the viewer's own case reads sightings through the
// TLP policy (its hidden set, hiddenCasesSql), so what it returns is already only what the viewer may see.
// A value's verdict (tag, "do not correlate") is read as the viewer may see it (verdictVisibleSql): one
// given on hidden cases alone reads as none, and does not stop the value correlating for them either.

/** The value's tag and "do not correlate" as the actor may see them (a hidden verdict reads as none). */
function seenVerdict(actor: Actor) {
  const seen = verdictVisibleSql(actor, "o");
  return sql`case when ${seen} then o.tag end as tag, (o.do_not_correlate and ${seen}) as do_not_correlate`;
}

function seenDoNotCorrelate(actor: Actor) {
  return sql`(o.do_not_correlate and ${verdictVisibleSql(actor, "o")}) as do_not_correlate`;
}

export interface CaseValueRow {
  id: number;
  type: ObservableType;
  value: string;
  tag: "malicious" | "benign" | "false-positive" | null;
  do_not_correlate: boolean;
  origins: SightingOrigin[];
  first_seen: Date;
  last_seen: Date;
}

/**
 * The values seen in these cases (one case, or an incident and its linked reports), at most `limit`;
 * with `only`, just that value (one just added, or one about to be removed).
 */
export async function selectCaseValues(
  db: Db,
  actor: Actor,
  caseIds: string[],
  limit: number,
  only?: { id: number } | { type: string; value: string },
): Promise<CaseValueRow[]> {
  const filter =
    only === undefined
      ? sql``
      : "id" in only
        ? sql`and o.id = ${only.id}`
        : sql`and o.type = ${only.type} and o.value = ${only.value}`;
  const rows = await sql<CaseValueRow>`select o.id, o.type, o.value, ${seenVerdict(actor)},
      array_agg(distinct s.origin) as origins, min(s.seen_at) as first_seen, max(s.seen_at) as last_seen
    from sightings s join observables o on o.id = s.observable_id
    where s.case_id = any(${caseIds}::uuid[]) ${filter}
    group by o.id
    order by o.type, o.value
    limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export type CorrelationValueRow = Pick<CaseValueRow, "id" | "type" | "value" | "do_not_correlate">;

/** The types that never link cases, as an SQL array (contract/observables.ts, UNCORRELATED_TYPES). */
const uncorrelatedSql = () => sql`${[...UNCORRELATED_TYPES]}::text[]`;

/**
 * Just what correlation needs of a case's values (the list above also gathers origins and dates). Values
 * of the types that never correlate come last, so a case holding thousands of file names still
 * correlates on its addresses and domains within the limit; they are read at all only to be counted as
 * left out ("type"), and linksOf in related.ts drops them before anything is ranked.
 */
export async function selectValuesToCorrelate(
  db: Db,
  actor: Actor,
  caseIds: string[],
  limit: number,
): Promise<CorrelationValueRow[]> {
  const rows = await sql<CorrelationValueRow>`select o.id, o.type, o.value, ${seenDoNotCorrelate(actor)}
    from observables o
    where o.id in (select s.observable_id from sightings s where s.case_id = any(${caseIds}::uuid[]))
    order by o.type = any(${uncorrelatedSql()}), o.id limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/**
 * The same for a report named by reference, whoever may see it: read while the caller checks that the
 * actor may (and used only then), to save the panel a round trip.
 */
export async function selectReportValuesToCorrelate(
  db: Db,
  actor: Actor,
  reference: string,
  limit: number,
): Promise<CorrelationValueRow[]> {
  const rows = await sql<CorrelationValueRow>`select o.id, o.type, o.value, ${seenDoNotCorrelate(actor)}
    from observables o
    where o.id in (select s.observable_id from sightings s
                   where s.case_id = (select r.id from reports r where r.reference = ${reference}))
    order by o.type = any(${uncorrelatedSql()}), o.id limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** The input of `rankRelatedCases`: links from the case's values to stored values, and how to rank. */
export interface RankInput {
  /** Parallel arrays, one entry per link: the case's own value, the stored value it links to, its weight factor. */
  links: { mine: number[]; other: number[]; factor: number[] };
  /** The case's values that correlate (counted as common when at the threshold). */
  usableIds: number[];
  /** The case and its linked reports: never listed. */
  ownIds: string[];
  /** A report whose incidents are never listed either (they are where it already is). */
  excludeIncidentsOf: string | null;
  /** A value held by this many other visible cases is common: it links nothing. */
  threshold: number;
  limit: number;
  /** How many of the closest reports bring their incidents. */
  rollUpReports: number;
  /** A shared value seen there since then counts twice ("ongoing"). */
  ongoingSince: Date;
  sharedShown: number;
}

export interface RankedCaseRow {
  kind: CaseKind;
  id: string;
  reference: string;
  title: string;
  status: string;
  tlp: string;
  score: number;
  /** Epoch milliseconds. */
  lastSeen: number;
  sharedCount: number;
  /** [mine, other] link ids, heaviest first. */
  shared: [number, number][];
}

/**
 * The other cases the actor may see that share linked values, ranked, in one statement: for each linked
 * value the visible cases holding it (at most `threshold`, read in index order and filtered through the
 * TLP policy's hidden set); each value weighs factor / ln(2 + cases), twice where seen since
 * `ongoingSince`; the closest reports bring their incidents (unless hidden or excluded); the top `limit`
 * come back with their heads and heaviest shared links. Thousands of (value, case) rows stay in
 * PostgreSQL: returning them to rank in Node cost more in row parsing and garbage than the reads did.
 */
export async function rankRelatedCases(
  db: Db,
  actor: Actor,
  input: RankInput,
): Promise<{ common: number; items: RankedCaseRow[] }> {
  const result = await rankRelatedCasesSql(actor, input).execute(db);
  const row = result.rows[0];
  return { common: Number(row?.common ?? 0), items: row?.items ?? [] };
}

/** The statement of `rankRelatedCases` (the benchmark explains it). */
export function rankRelatedCasesSql(actor: Actor, input: RankInput) {
  const { links, threshold } = input;
  return sql<{ common: number; items: RankedCaseRow[] }>`with
    hidden as materialized (${hiddenCasesSql(actor)}),
    excluded as materialized (
      select unnest(${input.ownIds}::uuid[]) as id
      union all
      select ir.incident_id from incident_reports ir where ir.report_id = ${input.excludeIncidentsOf}::uuid),
    links as (select * from unnest(${links.mine}::int8[], ${links.other}::int8[], ${links.factor}::float8[])
      as l(mine, other, factor)),
    held as (
      select u.other, c.case_kind, c.case_id, c.last_seen
      from (select distinct other from links) u
      cross join lateral (
        -- Grouped by case id alone, in the value index's order (a case id names one case, of one kind).
        select min(s.case_kind) as case_kind, s.case_id, max(s.seen_at) as last_seen
        from sightings s
        where s.observable_id = u.other and s.case_id not in (select id from excluded)
          and s.case_id not in (select id from hidden)
        group by s.case_id
        limit ${threshold}
      ) c),
    counts as (select other, count(*) as cases from held group by other),
    direct as (
      select h.case_kind, h.case_id, l.mine, l.other, h.last_seen, l.factor / ln(2 + c.cases) as weight
      from links l
      join counts c on c.other = l.other and c.cases < ${threshold}
      join held h on h.other = l.other),
    closest_reports as (
      select case_id from direct where case_kind = 'report'
      group by case_id order by sum(weight) desc limit ${input.rollUpReports}),
    -- Incidents first, one index lookup per report (the limit keeps PostgreSQL from turning this into a
    -- scan of every link, which its row estimate for closest_reports made look cheaper), then their
    -- reports' shared values.
    report_incidents as materialized (
      select r.case_id as report_id, ri.incident_id
      from closest_reports r
      cross join lateral (
        select ir.incident_id from incident_reports ir
        where ir.report_id = r.case_id and ir.incident_id not in (select id from excluded)
          and ir.incident_id not in (select id from hidden)
        limit 1000) ri),
    rolled as (
      select 'incident'::text as case_kind, ri.incident_id as case_id, d.mine, d.other, d.last_seen, d.weight
      from report_incidents ri join direct d on d.case_id = ri.report_id),
    shared as materialized (
      select case_kind, case_id, mine, other, max(last_seen) as last_seen, max(weight) as weight
      from (select * from direct union all select * from rolled) x
      group by case_kind, case_id, mine, other),
    top as materialized (
      select case_kind, case_id,
        sum(weight * case when last_seen > ${input.ongoingSince} then 2 else 1 end) as score,
        max(last_seen) as last_seen, count(*) as shared_count
      from shared
      group by case_kind, case_id
      order by score desc, last_seen desc, case_id
      limit ${input.limit}),
    -- The heaviest shared values of the top cases only (sorting every candidate's was a fifth of the time).
    top_shared as (
      select case_id, array_agg(array[mine, other] order by weight desc, mine, other) as shared
      from (
        select s.case_id, s.mine, s.other, s.weight,
          row_number() over (partition by s.case_id order by s.weight desc, s.mine, s.other) as n
        from shared s join top t on t.case_id = s.case_id) x
      where n <= ${input.sharedShown}
      group by case_id)
    select
      (select count(*) from counts where cases >= ${threshold} and other = any(${input.usableIds}::int8[]))::int
        as common,
      coalesce((select json_agg(json_build_object('kind', t.case_kind, 'id', t.case_id,
          'reference', h.reference, 'title', h.title, 'status', h.status, 'tlp', h.tlp, 'score', t.score,
          'lastSeen', (extract(epoch from t.last_seen) * 1000)::int8, 'sharedCount', t.shared_count,
          'shared', ts.shared) order by t.score desc, t.last_seen desc, t.case_id)
        from top t
        join top_shared ts on ts.case_id = t.case_id
        join lateral (
          select r.reference, coalesce(nullif(r.summary, ''), left(r.what_happened, 120)) as title, r.status, r.tlp
          from reports r where t.case_kind = 'report' and r.id = t.case_id
          union all
          select i.reference, i.title, i.status, i.tlp from incidents i
          where t.case_kind = 'incident' and i.id = t.case_id) h on true), '[]'::json) as items`;
}

export interface NeighbourRow {
  mine: number;
  id: number;
  type: ObservableType;
  value: string;
}

/**
 * Addresses and networks that overlap these (a network around an address, an address or narrower
 * network inside a network), at most `perValue` each way. Values marked "do not correlate" are left out
 * here already.
 */
export async function selectNetworkNeighbours(
  db: Db,
  actor: Actor,
  values: { id: number; value: string }[],
  perValue: number,
): Promise<NeighbourRow[]> {
  if (values.length === 0) return [];
  // Both directions as btree lookups on observables.network: the networks around a value are its own
  // prefixes (at most 24 for IPv4, 112 for IPv6), each an equality; what lies inside a network is the
  // key range from the network to its last address (inet sorts by address, then prefix length). A GiST
  // "overlaps" search was 0.5 ms per value on 2,000,000 values; these are 0.07 ms.
  const rows = await sql<NeighbourRow>`select m.id as mine, o.id, o.type, o.value
    from unnest(${values.map((v) => v.id)}::int8[], ${values.map((v) => v.value)}::cidr[]) as m(id, net)
    cross join lateral (
      (select o.id, o.type, o.value
       from generate_series(case family(m.net) when 4 then 8 else 16 end, masklen(m.net) - 1) as p(len)
       join observables o on o.network = set_masklen(m.net, p.len)
       where not (o.do_not_correlate and ${verdictVisibleSql(actor, "o")})
       limit ${perValue})
      union all
      (select o.id, o.type, o.value from observables o
       where o.network > m.net and o.network <= host(broadcast(m.net))::inet and o.network << m.net
         and not (o.do_not_correlate and ${verdictVisibleSql(actor, "o")})
       limit ${perValue})
    ) o`.execute(db);
  return rows.rows.map((r) => ({ ...r, mine: Number(r.mine), id: Number(r.id) }));
}
