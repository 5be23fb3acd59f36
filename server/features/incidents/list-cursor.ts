import { z } from "zod";
import type { IncidentsQuery } from "../../../contract/incident-list.js";
import { type Keyset, keyset } from "../../platform/keyset-page.js";

export type IncidentSort = IncidentsQuery["sort"];

/**
 * Where a page of the incident list ended: the last row's sort key, exactly as PostgreSQL holds it
 * (timestamps as text to the microsecond, so no row is skipped or repeated at a millisecond boundary),
 * and its id to break ties. `rank` is the severity rank of the severity sort, and 0 (new to the viewer)
 * or 1 in the unread sort.
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
    sort: z.enum(["created", "updated", "due", "severity", "unread"]),
    at: Timestamp.nullable(),
    rank: z.number().int().min(0).max(3).nullable(),
    id: z.uuid(),
  })
  .strict();

/** The list's cursor for one sort: a cursor written for another sort is a 400 `invalid_cursor`. */
export function listKeys(sort: IncidentSort): Keyset<ListCursor> {
  return keyset(
    CursorShape.refine(
      (c) =>
        c.sort === sort &&
        // Only the due sort has rows without a key (no due date); the severity and unread sorts have a rank.
        (c.at !== null || sort === "due") &&
        (c.rank !== null) === (sort === "severity" || sort === "unread"),
    ),
  );
}
