import { type Selectable, type Updateable, sql } from "kysely";
import type { IncidentStatus } from "../../../contract/incidents.js";
import type { CaseKind, ObservableType, SightingOrigin } from "../../../contract/observables.js";
import type { TlpLabel } from "../../../contract/intake.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import type { ObservablesTable } from "../../platform/db/tables/observables.js";
import { hiddenCasesSql, verdictVisibleSql } from "../../platform/tlp.js";

// SQL for one value's page. Every read of its sightings goes through the TLP policy's hidden set.

export type ObservableRow = Selectable<ObservablesTable>;

export async function selectObservable(
  db: Db,
  type: ObservableType,
  value: string,
): Promise<ObservableRow | undefined> {
  return db
    .selectFrom("observables")
    .selectAll()
    .where("type", "=", type)
    .where("value", "=", value)
    .executeTakeFirst();
}

export async function selectObservableById(
  db: Db,
  id: number,
  opts: { forUpdate?: boolean } = {},
): Promise<ObservableRow | undefined> {
  let q = db.selectFrom("observables").selectAll().where("id", "=", id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function updateObservableRow(db: Db, id: number, set: Updateable<ObservablesTable>): Promise<void> {
  await db
    .updateTable("observables")
    .set((eb) => ({ ...set, version: eb("version", "+", 1) }))
    .where("id", "=", id)
    .execute();
}

/** The value as the actor may see it: a verdict they may not see (platform/tlp.ts) reads as none given. */
export async function asSeenBy(db: Db, actor: Actor, row: ObservableRow): Promise<ObservableRow> {
  const seen = await db
    .selectFrom("observables as o")
    .select(verdictVisibleSql(actor, "o").as("seen"))
    .where("o.id", "=", row.id)
    .executeTakeFirst();
  if (seen?.seen) return row;
  return { ...row, tag: null, tagged_by: null, tagged_at: null, do_not_correlate: false, version: 0 };
}

/** Records the cases that hold the value as those its new verdict was given on (replacing the last). */
export async function replaceVerdictCases(db: Db, id: number): Promise<void> {
  await db.deleteFrom("observable_verdict_cases").where("observable_id", "=", id).execute();
  await sql`insert into observable_verdict_cases (observable_id, case_id)
    select distinct s.observable_id, s.case_id from sightings s where s.observable_id = ${id}`.execute(db);
}

/** How many cases the actor may see hold the value, counted up to `cap` (a common value stops early). */
export async function countVisibleCases(db: Db, actor: Actor, id: number, cap: number): Promise<number> {
  const row = await sql<{ n: number }>`with hidden as materialized (${hiddenCasesSql(actor)})
    select count(*)::int as n from (
      select 1 from sightings s
      where s.observable_id = ${id} and s.case_id not in (select id from hidden)
      group by s.case_id limit ${cap}) x`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

/** The first and last time the value was seen in a case the actor may see. */
export async function selectSeenRange(
  db: Db,
  actor: Actor,
  id: number,
): Promise<{ first: Date | null; last: Date | null }> {
  const row = await sql<{ first: Date | null; last: Date | null }>`with hidden as materialized (
      ${hiddenCasesSql(actor)})
    select min(s.seen_at) as first, max(s.seen_at) as last
    from sightings s where s.observable_id = ${id} and s.case_id not in (select id from hidden)`.execute(db);
  return row.rows[0] ?? { first: null, last: null };
}

export interface SightingPageRow {
  case_kind: CaseKind;
  case_id: string;
  origin: SightingOrigin;
  origin_id: string;
  seen_at: Date;
  at_text: string;
  reference: string;
  title: string;
}

export interface SightingCursor {
  at: string;
  caseId: string;
  origin: string;
  originId: string;
}

/**
 * One page of the value's sightings the actor may see, newest first (keyset: time, case, origin). In two
 * steps, both index-only: the newest (time, case) pairs from the value index, which holds no origins —
 * a common value has thousands of sightings, and reading each one's row to sort it was most of the
 * page — then those cases' sightings of the value from the case side. A page's rows all come from its
 * first `limit` pairs.
 */
export async function selectSightingsPage(
  db: Db,
  actor: Actor,
  id: number,
  after: SightingCursor | undefined,
  limit: number,
): Promise<SightingPageRow[]> {
  const pairsAfter = after
    ? sql`and (s.seen_at, s.case_id) <= (${after.at}::timestamptz, ${after.caseId}::uuid)`
    : sql``;
  const keyset = after
    ? sql`and (s.seen_at, s.case_id, s.origin, s.origin_id) < (${after.at}::timestamptz, ${after.caseId}::uuid, ${after.origin}, ${after.originId}::uuid)`
    : sql``;
  const rows = await sql<SightingPageRow>`with hidden as materialized (${hiddenCasesSql(actor)}),
    pairs as materialized (
      select distinct s.seen_at, s.case_id, s.case_kind from sightings s
      where s.observable_id = ${id} and s.case_id not in (select id from hidden) ${pairsAfter}
      order by s.seen_at desc, s.case_id desc
      limit ${limit})
    select p.case_kind, s.case_id, s.origin, s.origin_id, s.seen_at,
      to_char(s.seen_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at_text,
      coalesce(r.reference, i.reference) as reference,
      coalesce(i.title, nullif(r.summary, ''), left(r.what_happened, 120)) as title
    from pairs p
    join sightings s on s.case_id = p.case_id and s.observable_id = ${id} and s.seen_at = p.seen_at
    left join reports r on p.case_kind = 'report' and r.id = p.case_id
    left join incidents i on p.case_kind = 'incident' and i.id = p.case_id
    where (r.id is not null or i.id is not null) ${keyset}
    order by s.seen_at desc, s.case_id desc, s.origin desc, s.origin_id desc
    limit ${limit}`.execute(db);
  return rows.rows;
}

export interface InvolvedIncidentRow {
  reference: string;
  title: string;
  status: IncidentStatus;
  tlp: TlpLabel;
  last_seen: Date;
}

/**
 * The incidents the actor may see that hold the value, directly or through a linked report the actor
 * may also see (a report hidden by TLP:RED brings nothing along), newest first.
 */
export async function selectInvolvedIncidents(
  db: Db,
  actor: Actor,
  id: number,
  limit: number,
): Promise<InvolvedIncidentRow[]> {
  const rows = await sql<InvolvedIncidentRow>`with hidden as materialized (${hiddenCasesSql(actor)})
    select i.reference, i.title, i.status, i.tlp, max(x.seen_at) as last_seen
    from (
      select s.case_id as incident_id, s.seen_at from sightings s
      where s.observable_id = ${id} and s.case_kind = 'incident'
      union all
      select ir.incident_id, s.seen_at from sightings s
      join incident_reports ir on ir.report_id = s.case_id
      where s.observable_id = ${id} and s.case_kind = 'report' and s.case_id not in (select id from hidden)
    ) x join incidents i on i.id = x.incident_id
    where i.id not in (select id from hidden)
    group by i.id
    order by last_seen desc, i.reference
    limit ${limit}`.execute(db);
  return rows.rows;
}
