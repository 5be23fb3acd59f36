import { randomFillSync } from "node:crypto";

/**
 * A UUID version 7 (RFC 9562: 48-bit Unix time in ms, then random bits), as the database's uuid_v7()
 * (migration 0014) makes: drawn here when a row's id must be known before its insert, so the rows that
 * name it can be written in the same statement.
 */
export function newUuidV7(nowMs: number = Date.now()): string {
  const bytes = randomFillSync(Buffer.alloc(16));
  bytes.writeUIntBE(nowMs, 0, 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
