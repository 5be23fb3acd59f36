// OpenPGP fingerprints are compared by eye over the phone: shown in groups of four, as GnuPG does.

/** "ABCD1234…" → "ABCD 1234 …", upper case; anything else unchanged. */
export function groupedFingerprint(fingerprint: string): string {
  const hex = fingerprint.replace(/\s+/g, "").toUpperCase();
  if (!/^[0-9A-F]+$/.test(hex)) return fingerprint;
  return (hex.match(/.{1,4}/g) ?? []).join(" ");
}

/** True when a key's expiry has passed (a key without one never expires). */
export function hasExpired(expiresAt: string | null, nowMs: number): boolean {
  if (expiresAt === null) return false;
  const at = Date.parse(expiresAt);
  return !Number.isNaN(at) && at <= nowMs;
}
