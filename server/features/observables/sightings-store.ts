import { sql } from "kysely";
import type { CaseKind, SightingOrigin, TypedValue } from "../../../contract/observables.js";
import type { Db } from "../../platform/db/connect.js";

// SQL that writes observables and sightings, set-based (one statement per table however many values),
// because feeds will write sightings by the hundred thousand.

const NETWORK_TYPES = new Set(["ipv4", "ipv6", "cidr"]);

async function selectIds(db: Db, values: readonly TypedValue[], into: Map<string, number>): Promise<void> {
  const rows = await sql<{ id: number; type: string; value: string }>`select o.id, o.type, o.value
    from unnest(${values.map((v) => v.type)}::text[], ${values.map((v) => v.value)}::text[]) as x(t, v)
    join observables o on o.type = x.t and o.value = x.v`.execute(db);
  for (const row of rows.rows) into.set(`${row.type} ${row.value}`, Number(row.id));
}

/**
 * The ids of these values, inserting the ones not stored yet. Values must be normalised and distinct.
 * Keyed by `type value`.
 */
export async function upsertObservables(db: Db, values: readonly TypedValue[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (values.length === 0) return ids;
  // Most values of a new report or feed file are known already: look them up once, insert only the
  // rest. (An upsert first would search the index twice for every known value — the index is the cost.)
  await selectIds(db, values, ids);
  const missing = values.filter((v) => !ids.has(`${v.type} ${v.value}`));
  if (missing.length === 0) return ids;
  const inserted = await sql<{ id: number; type: string; value: string }>`insert into observables (type, value, network)
    select t, v, n::cidr from unnest(${missing.map((v) => v.type)}::text[], ${missing.map((v) => v.value)}::text[],
      ${missing.map((v) => (NETWORK_TYPES.has(v.type) ? v.value : null))}::text[]) as x(t, v, n)
    order by t, v
    on conflict (type, value) do nothing
    returning id, type, value`.execute(db);
  for (const row of inserted.rows) ids.set(`${row.type} ${row.value}`, Number(row.id));
  // Inserted meanwhile by another transaction: "do nothing" returned no row for them.
  const raced = missing.filter((v) => !ids.has(`${v.type} ${v.value}`));
  if (raced.length > 0) await selectIds(db, raced, ids);
  return ids;
}

export interface SightingRow {
  observableId: number;
  caseKind: CaseKind;
  caseId: string;
  origin: SightingOrigin;
  originId: string;
  seenAt: Date;
  createdBy: string | null;
}

/**
 * Writes sightings. Without `ifAbsent` each must be new (a duplicate is a unique violation): a plain
 * insert, because `on conflict` makes PostgreSQL insert speculatively — a second pass over the unique
 * index for every row. Sources are replaced whole (deleteSourceSightings) instead. Returns how many
 * were written.
 */
export async function insertSightings(
  db: Db,
  rows: readonly SightingRow[],
  { ifAbsent = false }: { ifAbsent?: boolean } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const result =
    await sql`insert into sightings (observable_id, case_kind, case_id, origin, origin_id, seen_at, created_by)
    select * from unnest(
      ${rows.map((r) => r.observableId)}::int8[], ${rows.map((r) => r.caseKind)}::text[],
      ${rows.map((r) => r.caseId)}::uuid[], ${rows.map((r) => r.origin)}::text[],
      ${rows.map((r) => r.originId)}::uuid[], ${rows.map((r) => r.seenAt.toISOString())}::timestamptz[],
      ${rows.map((r) => r.createdBy)}::uuid[])
    ${ifAbsent ? sql`on conflict do nothing` : sql``}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
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
  // Found through the case index: a case holds thousands of sightings at most.
  await sql`delete from sightings s
    using unnest(${sources.map((x) => x.caseId)}::uuid[], ${sources.map((x) => x.origin)}::text[],
      ${sources.map((x) => x.originId)}::uuid[]) as x(case_id, origin, origin_id)
    where s.case_id = x.case_id and s.origin = x.origin and s.origin_id = x.origin_id`.execute(db);
}

/** Removes one hand-added value from a case; false when it was not added by hand there. */
export async function deleteManualSighting(db: Db, caseId: string, observableId: number): Promise<boolean> {
  const result = await db
    .deleteFrom("sightings")
    .where("case_id", "=", caseId)
    .where("observable_id", "=", observableId)
    .where("origin", "=", "manual")
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
