import type { z } from "zod";
import { invalid } from "./errors.js";

// Keyset cursors are opaque to clients: base64url JSON of the last row's keys, checked on the way back
// in against the shape the list wrote, so a forged or foreign cursor is a clean 400.

/** Encodes the keys of a page's last row. */
export function encodeOpaqueCursor(keys: unknown): string {
  return Buffer.from(JSON.stringify(keys)).toString("base64url");
}

/** Reads a cursor a list gave out (undefined when none); anything not matching `shape` is a 400 `invalid_cursor`. */
export function decodeOpaqueCursor<T>(shape: z.ZodType<T>, cursor: string | undefined): T | undefined {
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
}
