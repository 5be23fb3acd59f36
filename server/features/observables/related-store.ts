import { sql } from "kysely";
import type { CaseKind, ObservableType, SightingOrigin } from "../../../contract/observables.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import { caseVisibleSql } from "../../platform/tlp.js";

// SQL for correlation. Every query that looks beyond the viewer's own case reads sightings through the
// TLP policy (caseVisibleSql), so what it returns is already only what the viewer may see.

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
  const rows = await sql<CaseValueRow>`select o.id, o.type, o.value, o.tag, o.do_not_correlate,
      array_agg(distinct s.origin) as origins, min(s.seen_at) as first_seen, max(s.seen_at) as last_seen
    from sightings s join observables o on o.id = s.observable_id
    where s.case_id = any(${caseIds}::uuid[]) ${filter}
    group by o.id
    order by o.type, o.value
    limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export type CorrelationValueRow = Pick<CaseValueRow, "id" | "type" | "value" | "do_not_correlate">;

/** Just what correlation needs of a case's values (the list above also gathers origins and dates). */
export async function selectValuesToCorrelate(
  db: Db,
  caseIds: string[],
  limit: number,
): Promise<CorrelationValueRow[]> {
  const rows = await sql<CorrelationValueRow>`select o.id, o.type, o.value, o.do_not_correlate from observables o
    where o.id in (select s.observable_id from sightings s where s.case_id = any(${caseIds}::uuid[]))
    order by o.id limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export interface OtherCaseRow {
  observable_id: number;
  case_kind: CaseKind;
  case_id: string;
  /** Epoch milliseconds: parsing thousands of timestamps into Dates was a tenth of a large panel's time. */
  last_seen: number;
}

/**
 * For each value, the other cases that hold it, at most `perValue` of them, whoever may see them: the
 * caller filters them through the TLP policy's hidden set (hiddenCaseIds) before anything leaves the
 * service, and asks `selectVisibleOtherCases` where the cap was reached.
 */
export async function selectOtherCases(
  db: Db,
  observableIds: number[],
  excludeCaseIds: string[],
  perValue: number,
): Promise<OtherCaseRow[]> {
  if (observableIds.length === 0) return [];
  const rows = await sql<OtherCaseRow>`select u.id as observable_id, c.case_kind, c.case_id,
      floor(extract(epoch from c.last_seen) * 1000)::int8 as last_seen
    from unnest(${observableIds}::int8[]) as u(id)
    cross join lateral (
      select s.case_kind, s.case_id, max(s.seen_at) as last_seen
      from sightings s
      where s.observable_id = u.id and s.case_id <> all(${excludeCaseIds}::uuid[])
      group by s.case_kind, s.case_id
      limit ${perValue}
    ) c`.execute(db);
  // int8 arrives as a number (connect.ts): the rows are used as they come, thousands of them.
  return rows.rows;
}

/**
 * Like selectOtherCases, counting only cases the actor may see (the policy in SQL, per row): for the
 * few values whose unfiltered read hit its cap, where hidden cases could have crowded out visible ones.
 */
export async function selectVisibleOtherCases(
  db: Db,
  actor: Actor,
  observableIds: number[],
  excludeCaseIds: string[],
  perValue: number,
): Promise<OtherCaseRow[]> {
  if (observableIds.length === 0) return [];
  const rows = await sql<OtherCaseRow>`select u.id as observable_id, c.case_kind, c.case_id,
      floor(extract(epoch from c.last_seen) * 1000)::int8 as last_seen
    from unnest(${observableIds}::int8[]) as u(id)
    cross join lateral (
      select s.case_kind, s.case_id, max(s.seen_at) as last_seen
      from sightings s
      where s.observable_id = u.id and s.case_id <> all(${excludeCaseIds}::uuid[])
        and ${caseVisibleSql(actor, "s.case_kind", "s.case_id")}
      group by s.case_kind, s.case_id
      limit ${perValue}
    ) c`.execute(db);
  // int8 arrives as a number (connect.ts): the rows are used as they come, thousands of them.
  return rows.rows;
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
       where not o.do_not_correlate
       limit ${perValue})
      union all
      (select o.id, o.type, o.value from observables o
       where o.network > m.net and o.network <= host(broadcast(m.net))::inet and o.network << m.net
         and not o.do_not_correlate
       limit ${perValue})
    ) o`.execute(db);
  return rows.rows.map((r) => ({ ...r, mine: Number(r.mine), id: Number(r.id) }));
}

export interface ReportIncidentRow {
  report_id: string;
  incident_id: string;
}

/** The incidents these reports are linked to, whoever may see them (the caller filters). */
export async function selectIncidentsOfReports(db: Db, reportIds: string[]): Promise<ReportIncidentRow[]> {
  if (reportIds.length === 0) return [];
  const rows = await sql<ReportIncidentRow>`select ir.report_id, ir.incident_id
    from unnest(${reportIds}::uuid[]) as r(id) join incident_reports ir on ir.report_id = r.id`.execute(db);
  return rows.rows;
}

export interface CaseHeadRow {
  kind: CaseKind;
  id: string;
  reference: string;
  title: string;
  status: string;
  tlp: string;
}

/** Reference, title, status and TLP of these cases (already known to be visible). */
export async function selectCaseHeads(db: Db, reportIds: string[], incidentIds: string[]): Promise<CaseHeadRow[]> {
  const rows = await sql<CaseHeadRow>`
    select 'report'::text as kind, r.id, r.reference, coalesce(nullif(r.summary, ''), left(r.what_happened, 120)) as title,
      r.status, r.tlp from reports r where r.id = any(${reportIds}::uuid[])
    union all
    select 'incident'::text, i.id, i.reference, i.title, i.status, i.tlp from incidents i
    where i.id = any(${incidentIds}::uuid[])`.execute(db);
  return rows.rows;
}
