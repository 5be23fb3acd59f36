import { sql } from "kysely";
import type { CaseKind, SightingOrigin, TypedValue } from "../../../contract/observables.js";
import type { Db } from "../../platform/db/connect.js";

// SQL that writes observables and sightings, set-based (one statement however many values), because
// feeds will write sightings by the hundred thousand.

const NETWORK_TYPES = new Set(["ipv4", "ipv6", "cidr"]);

/** A batch to write: distinct values, and sightings naming their value by position (from 1). */
export interface SightingBatch {
  values: readonly TypedValue[];
  sightings: {
    value: number[];
    caseKind: CaseKind[];
    caseId: string[];
    origin: SightingOrigin[];
    originId: string[];
    /** ISO 8601. */
    seenAt: string[];
    createdBy: (string | null)[];
  };
}

/**
 * Writes a batch in one statement: looks the values up, inserts the ones not stored yet, and inserts the
 * sightings with the values' ids — one round trip, and no values sent back to be matched in Node (that
 * parsing and matching was a tenth of a bulk write). Sightings are inserted in value-index order, so rows
 * for neighbouring values land on neighbouring pages; the case side needs no sort (case ids are
 * time-ordered, a new case's sightings go to its right edge).
 *
 * Without `ifAbsent` each sighting must be new (a duplicate is a unique violation): a plain insert,
 * because `on conflict` makes PostgreSQL insert speculatively, a second pass over the unique index for
 * every row; sources are replaced whole instead (deleteSourceSightings). Values another transaction
 * inserted after this statement began are "unresolved": neither found nor inserted here (their
 * sightings are not written); the caller writes those again.
 */
export async function writeSightingBatch(
  db: Db,
  batch: SightingBatch,
  { ifAbsent = false }: { ifAbsent?: boolean } = {},
): Promise<{ written: number; unresolved: number[] }> {
  const { values, sightings: s } = batch;
  const result = await sql<{ written: number; unresolved: number[] }>`with
    input as materialized (
      select * from unnest(${values.map((v) => v.type)}::text[], ${values.map((v) => v.value)}::text[],
        ${values.map((v) => (NETWORK_TYPES.has(v.type) ? v.value : null))}::text[]) with ordinality as x(t, v, n, i)),
    found as materialized (
      select x.i, o.id from input x join observables o on o.type = x.t and o.value = x.v),
    inserted as (
      insert into observables (type, value, network)
      select x.t, x.v, x.n::cidr from input x where x.i not in (select i from found)
      order by x.t, x.v
      on conflict (type, value) do nothing
      returning id, type, value),
    ids as materialized (
      select i, id from found
      union all
      select x.i, ins.id from inserted ins join input x on x.t = ins.type and x.v = ins.value),
    written as (
      insert into sightings (observable_id, case_kind, case_id, origin, origin_id, seen_at, created_by)
      select ids.id, w.case_kind, w.case_id, w.origin, w.origin_id, w.seen_at, w.created_by
      from unnest(${s.value}::int8[], ${s.caseKind}::text[], ${s.caseId}::uuid[], ${s.origin}::text[],
        ${s.originId}::uuid[], ${s.seenAt}::timestamptz[], ${s.createdBy}::uuid[])
        as w(value, case_kind, case_id, origin, origin_id, seen_at, created_by)
      join ids on ids.i = w.value
      order by ids.id
      ${ifAbsent ? sql`on conflict do nothing` : sql``}
      returning 1),
    -- The index's summary of these cases' values is pending until the next pass (migration 0033): one
    -- row per case of the batch, not per sighting.
    pending as (
      insert into observable_stats_pending_cases (case_id) select unnest(${[...new Set(s.caseId)]}::uuid[]))
    select (select count(*) from written)::int as written,
      coalesce((select array_agg(x.i order by x.i) from input x where x.i not in (select i from ids)),
        '{}') as unresolved`.execute(db);
  const row = result.rows[0];
  return { written: Number(row?.written ?? 0), unresolved: (row?.unresolved ?? []).map(Number) };
}

/** Where sightings come from: a row of a case (a report, message, note or file). */
export interface SightingSource {
  caseId: string;
  origin: SightingOrigin;
  originId: string;
}

/** Removes every sighting these sources gave, before they are written again. */
export async function deleteSourceSightings(db: Db, sources: readonly SightingSource[]): Promise<void> {
  if (sources.length === 0) return;
  // Found through the case index: a case holds thousands of sightings at most. The values removed are
  // pending in the index's summary (a new source, the usual case, removes none).
  await sql`with removed as (
      delete from sightings s
      using unnest(${sources.map((x) => x.caseId)}::uuid[], ${sources.map((x) => x.origin)}::text[],
        ${sources.map((x) => x.originId)}::uuid[]) as x(case_id, origin, origin_id)
      where s.case_id = x.case_id and s.origin = x.origin and s.origin_id = x.origin_id
      returning s.observable_id)
    insert into observable_stats_pending_values (observable_id)
    select distinct observable_id from removed`.execute(db);
}

/** Removes one hand-added value from a case; false when it was not added by hand there. */
export async function deleteManualSighting(db: Db, caseId: string, observableId: number): Promise<boolean> {
  const result = await db
    .deleteFrom("sightings")
    .where("case_id", "=", caseId)
    .where("observable_id", "=", observableId)
    .where("origin", "=", "manual")
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) return false;
  await db.insertInto("observable_stats_pending_values").values({ observable_id: observableId }).execute();
  return true;
}

/** Stores one value if it is not stored yet (a tag given before any sighting of it); answers its id. */
export async function storeObservable(db: Db, value: TypedValue): Promise<number> {
  const network = NETWORK_TYPES.has(value.type) ? value.value : null;
  const inserted = await sql<{ id: number }>`insert into observables (type, value, network)
    values (${value.type}, ${value.value}, ${network}::cidr)
    on conflict (type, value) do nothing returning id`.execute(db);
  const id =
    inserted.rows[0]?.id ??
    (
      await db
        .selectFrom("observables")
        .select("id")
        .where("type", "=", value.type)
        .where("value", "=", value.value)
        .executeTakeFirstOrThrow()
    ).id;
  return Number(id);
}
