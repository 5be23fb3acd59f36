import type { CaseKind, SightingOrigin, TypedValue } from "../../../contract/observables.js";
import type { Db } from "../../platform/db/connect.js";
import {
  type SightingRow,
  type SightingSource,
  deleteSourceSightings,
  insertSightings,
  upsertObservables,
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
    const batch = sightings.slice(start, start + BATCH);
    const distinct = new Map<string, TypedValue>();
    for (const s of batch) distinct.set(`${s.value.type} ${s.value.value}`, s.value);
    const ids = await upsertObservables(db, [...distinct.values()]);
    const rows: SightingRow[] = [];
    for (const s of batch) {
      const observableId = ids.get(`${s.value.type} ${s.value.value}`);
      if (observableId === undefined) throw new Error(`observable ${s.value.type} ${s.value.value} was not stored`);
      const key = `${observableId} ${s.caseId} ${s.origin} ${s.originId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push({
        observableId,
        caseKind: s.caseKind,
        caseId: s.caseId,
        origin: s.origin,
        originId: s.originId,
        seenAt: s.seenAt,
        createdBy: s.createdBy ?? null,
      });
    }
    // In the value index's order, so rows for neighbouring values land on neighbouring pages. (The case
    // index needs no sort: case ids are time-ordered, and a new case's sightings go to its right edge.)
    rows.sort((a, b) => a.observableId - b.observableId);
    written += await insertSightings(db, rows, options);
  }
  return written;
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
