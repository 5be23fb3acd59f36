import type { CaseKind, SightingOrigin, TypedValue } from "../../../contract/observables.js";
import type { Db } from "../../platform/db/connect.js";
import {
  type SightingBatch,
  type SightingSource,
  deleteSourceSightings,
  writeSightingBatch,
} from "./sightings-store.js";

/** One value seen somewhere: the value (normalised) and where and when. */
export interface NewSighting {
  value: TypedValue;
  caseKind: CaseKind;
  caseId: string;
  origin: SightingOrigin;
  originId: string;
  seenAt: Date;
  createdBy?: string | null;
}

// Statements stay a bounded size (and a bounded number of row locks) however large the batch.
const BATCH = 10_000;

/**
 * Records sightings in bulk: stores each distinct value once and links it to where it was seen. The
 * same sighting twice in one call is written once. Without `ifAbsent` none may exist yet — callers
 * replace a source's sightings whole (`replaceSourceSightings`); with it, one already there is left as
 * it is (a hand-added value added again). Run it inside the caller's transaction when the sightings
 * must commit with something else.
 */
export async function recordSightings(
  db: Db,
  sightings: readonly NewSighting[],
  options: { ifAbsent?: boolean } = {},
): Promise<number> {
  let written = 0;
  const seen = new Set<string>();
  for (let start = 0; start < sightings.length; start += BATCH) {
    const batch = toBatch(sightings.slice(start, start + BATCH), seen);
    const first = await writeSightingBatch(db, batch, options);
    written += first.written;
    // Values another writer stored meanwhile: found now, by a statement that sees its commit.
    if (first.unresolved.length > 0) {
      const again = await writeSightingBatch(db, only(batch, first.unresolved), options);
      if (again.unresolved.length > 0) throw new Error(`${again.unresolved.length} observables were not stored`);
      written += again.written;
    }
  }
  return written;
}

/** The batch's distinct values, and its sightings not written before in this call. */
function toBatch(sightings: readonly NewSighting[], seen: Set<string>): SightingBatch {
  const positions = new Map<string, number>();
  const values: TypedValue[] = [];
  const batch: SightingBatch = {
    values,
    sightings: { value: [], caseKind: [], caseId: [], origin: [], originId: [], seenAt: [], createdBy: [] },
  };
  const out = batch.sightings;
  let lastDate: Date | undefined;
  let lastIso = "";
  for (const s of sightings) {
    const valueKey = `${s.value.type} ${s.value.value}`;
    let position = positions.get(valueKey);
    if (position === undefined) {
      values.push(s.value);
      positions.set(valueKey, (position = values.length));
    }
    const key = `${valueKey} ${s.caseId} ${s.origin} ${s.originId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // A source's sightings share one Date: formatted once.
    if (s.seenAt !== lastDate) [lastDate, lastIso] = [s.seenAt, s.seenAt.toISOString()];
    out.value.push(position);
    out.caseKind.push(s.caseKind);
    out.caseId.push(s.caseId);
    out.origin.push(s.origin);
    out.originId.push(s.originId);
    out.seenAt.push(lastIso);
    out.createdBy.push(s.createdBy ?? null);
  }
  return batch;
}

/** The part of a batch with these values (positions from 1), renumbered. */
function only(batch: SightingBatch, positions: readonly number[]): SightingBatch {
  const renumbered = new Map(positions.map((p, i) => [p, i + 1]));
  const part: SightingBatch = {
    values: positions.map((p) => batch.values[p - 1] as TypedValue),
    sightings: { value: [], caseKind: [], caseId: [], origin: [], originId: [], seenAt: [], createdBy: [] },
  };
  const from = batch.sightings;
  const to = part.sightings;
  from.value.forEach((position, i) => {
    const next = renumbered.get(position);
    if (next === undefined) return;
    to.value.push(next);
    to.caseKind.push(from.caseKind[i] as CaseKind);
    to.caseId.push(from.caseId[i] as string);
    to.origin.push(from.origin[i] as SightingOrigin);
    to.originId.push(from.originId[i] as string);
    to.seenAt.push(from.seenAt[i] as string);
    to.createdBy.push(from.createdBy[i] ?? null);
  });
  return part;
}

/** Replaces what these sources were seen to hold (an extraction run again writes the same, once). */
export async function replaceSourceSightings(
  db: Db,
  sources: readonly SightingSource[],
  sightings: readonly NewSighting[],
): Promise<number> {
  await deleteSourceSightings(db, sources);
  return recordSightings(db, sightings);
}
