import { invalid } from "../../platform/errors.js";

/** Opaque keyset cursor for lists ordered by a numeric id: the last id seen. */
export function encodeIdCursor(id: number): string {
  return String(id);
}

/** Reads an id cursor; a malformed one is the caller's mistake (400). */
export function decodeIdCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  if (!/^[1-9][0-9]{0,15}$/.test(cursor)) throw invalid("invalid_cursor", "The cursor is not one this list gave out");
  return Number(cursor);
}

/** Opaque keyset cursor for lists ordered by (time, uuid): base64url of both. */
export function encodeTimeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
}

/** Reads a (time, uuid) cursor. */
export function decodeTimeCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const time = new Date(at ?? "");
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(time.getTime()))
    throw invalid("invalid_cursor", "The cursor is not one this list gave out");
  return { at: time, id };
}
