import { z } from "zod";
import { invalid } from "../../platform/errors.js";

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
  return Buffer.from(JSON.stringify({ r: c.rank, at: c.at, id: c.id })).toString("base64url");
}

/** Reads a cursor this search gave out; anything else is a 400 `invalid_cursor`. */
export function decodeSearchCursor(cursor: string | undefined): SearchCursor | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  const shape = CursorShape.safeParse(parsed);
  if (!shape.success) throw invalid("invalid_cursor", "The cursor is not one this search gave out");
  return { rank: shape.data.r, at: shape.data.at, id: shape.data.id };
}
