import { z } from "zod";
import { decodeOpaqueCursor, encodeOpaqueCursor } from "../../platform/opaque-cursor.js";

/** The last hit of a page: its rank and time exactly as PostgreSQL printed them, and its id. */
export interface SearchCursor {
  rank: string;
  at: string;
  id: string;
}

const CursorShape = z
  .object({
    r: z.string().regex(/^\d+(\.\d+)?(e-?\d+)?$/),
    at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
    id: z.uuid(),
  })
  .strict();

/** Opaque to clients: base64url JSON. */
export function encodeSearchCursor(c: SearchCursor): string {
  return encodeOpaqueCursor({ r: c.rank, at: c.at, id: c.id });
}

/** Reads a cursor this search gave out; anything else is a 400 `invalid_cursor`. */
export function decodeSearchCursor(cursor: string | undefined): SearchCursor | undefined {
  const shape = decodeOpaqueCursor(CursorShape, cursor);
  return shape === undefined ? undefined : { rank: shape.r, at: shape.at, id: shape.id };
}
