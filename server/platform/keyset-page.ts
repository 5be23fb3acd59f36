import type { z } from "zod";
import { invalid } from "./errors.js";

// Keyset paging, written once for every list. A page is read with one row more than asked for, so
// whether another page follows is known without a count; the cursor is the last row's keys as base64url
// JSON, opaque to clients and checked on the way back in against the shape the list wrote, so a forged
// or foreign cursor is a clean 400 and never reaches SQL.

/** How one list writes and reads its cursor. */
export interface Keyset<K> {
  encode(keys: K): string;
  /** The keys of a cursor this list gave out; undefined for none (the first page); anything else a 400. */
  decode(cursor: string | undefined): K | undefined;
}

/** A list's cursor codec over `shape` (the keys of its sort, e.g. time and id). */
export function keyset<K>(shape: z.ZodType<K>): Keyset<K> {
  return {
    encode: (keys) => Buffer.from(JSON.stringify(keys)).toString("base64url"),
    decode(cursor) {
      if (cursor === undefined || cursor === "") return undefined;
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
      } catch {
        parsed = undefined;
      }
      const result = shape.safeParse(parsed);
      if (!result.success) throw invalid("invalid_cursor", "The cursor is not one this list gave out");
      return result.data;
    },
  };
}

/** What a list asks of its store: the keys to start after (none: from the top) and how many rows to read. */
export interface PageWindow<K> {
  after: K | undefined;
  limit: number;
}

/**
 * One page: decodes the cursor, reads `limit + 1` rows through `read`, keeps `limit` of them and writes
 * the next cursor from the last one kept (null when the extra row did not come).
 */
export async function readKeysetPage<Row, K>(
  query: { limit: number; cursor?: string | undefined },
  keys: Keyset<K>,
  read: (window: PageWindow<K>) => Promise<Row[]>,
  keysOf: (row: Row) => K,
): Promise<{ rows: Row[]; nextCursor: string | null }> {
  const rows = await read({ after: keys.decode(query.cursor), limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > query.limit && last !== undefined ? keys.encode(keysOf(last)) : null };
}
