import { randomBytes } from "node:crypto";

// UUIDv7 (RFC 9562 §5.7) with rand_a as a counter (§6.2, method 1): ids drawn by this process sort
// in the order they were drawn, even within one millisecond. Rows ordered by (time, id) — the incident
// timeline — so keep the order in which one transaction wrote them (created before report_linked).
let lastMs = 0;
let counter = 0;

/** A new UUIDv7, greater than every one this process drew before. */
export function timeOrderedId(now: number = Date.now()): string {
  let ms = Math.max(now, lastMs);
  if (ms === lastMs) {
    counter += 1;
    if (counter > 0xfff) {
      ms += 1; // the 12-bit counter ran out: borrow the next millisecond, as §6.2 allows
      counter = 0;
    }
  } else {
    counter = 0;
  }
  lastMs = ms;
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
