import type { CaseKind, SightingOrigin, TypedValue } from "../../../contract/observables.js";
import type { Db } from "../../platform/db/connect.js";
import { type SightingRow, insertSightings, upsertObservables } from "./sightings-store.js";

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
 * Records sightings in bulk: stores each distinct value once and links it to where it was seen. Seeing
 * the same value at the same place again writes nothing. Run it inside the caller's transaction when the
 * sightings must commit with something else.
 */
export async function recordSightings(db: Db, sightings: readonly NewSighting[]): Promise<number> {
  let written = 0;
  for (let start = 0; start < sightings.length; start += BATCH) {
    const batch = sightings.slice(start, start + BATCH);
    const distinct = new Map<string, TypedValue>();
    for (const s of batch) distinct.set(`${s.value.type} ${s.value.value}`, s.value);
    const ids = await upsertObservables(db, [...distinct.values()]);
    const rows: SightingRow[] = [];
    for (const s of batch) {
      const observableId = ids.get(`${s.value.type} ${s.value.value}`);
      if (observableId === undefined) throw new Error(`observable ${s.value.type} ${s.value.value} was not stored`);
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
    // In index order: both sighting indexes that grow fastest lead with the value, so sorted rows land on
    // neighbouring index pages instead of one random page each.
    rows.sort((a, b) => a.observableId - b.observableId);
    written += await insertSightings(db, rows);
  }
  return written;
}
