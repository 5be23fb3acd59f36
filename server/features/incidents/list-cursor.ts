import { z } from "zod";
import type { IncidentsQuery } from "../../../contract/incident-list.js";
import { decodeOpaqueCursor, encodeOpaqueCursor } from "../../platform/opaque-cursor.js";

export type IncidentSort = IncidentsQuery["sort"];

/**
 * Where a page of the incident list ended: the last row's sort key, exactly as PostgreSQL holds it
 * (timestamps as text to the microsecond, so no row is skipped or repeated at a millisecond boundary),
 * and its id to break ties. `rank` is the severity rank of the severity sort.
 */
export interface ListCursor {
  sort: IncidentSort;
  at: string | null;
  rank: number | null;
  id: string;
}

const Timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
const CursorShape = z
  .object({
    s: z.enum(["created", "updated", "due", "severity"]),
    at: Timestamp.nullable(),
    r: z.number().int().min(0).max(3).nullable(),
    id: z.uuid(),
  })
  .strict();

/** Opaque to clients: base64url JSON. */
export function encodeListCursor(cursor: ListCursor): string {
  const shape: z.infer<typeof CursorShape> = { s: cursor.sort, at: cursor.at, r: cursor.rank, id: cursor.id };
  return encodeOpaqueCursor(shape);
}

/** Reads a cursor this list gave out for the same sort; anything else is a 400 `invalid_cursor`. */
export function decodeListCursor(cursor: string | undefined, sort: IncidentSort): ListCursor | undefined {
  const forThisSort = CursorShape.refine(
    (c) =>
      c.s === sort &&
      // Only the due sort has rows without a key (no due date); only the severity sort has a rank.
      (c.at !== null || sort === "due") &&
      (c.r !== null) === (sort === "severity"),
  );
  const shape = decodeOpaqueCursor(forThisSort, cursor);
  return shape === undefined ? undefined : { sort: shape.s, at: shape.at, rank: shape.r, id: shape.id };
}
