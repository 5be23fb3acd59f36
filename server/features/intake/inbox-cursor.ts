import { invalid } from "../../platform/errors.js";

/** The inbox's keyset cursor: the last report's arrival time and id, base64url. */
export function encodeInboxCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
}

/** Reads an inbox cursor; one this list did not give out is a 400. */
export function decodeInboxCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  const [at, id, ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const time = new Date(at ?? "");
  if (rest.length > 0 || !id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(time.getTime()))
    throw invalid("invalid_cursor", "The cursor is not one this list gave out");
  return { at: time, id };
}
