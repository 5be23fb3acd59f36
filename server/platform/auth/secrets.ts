import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A random, URL-safe secret of `bytes` bytes of entropy (session ids, API tokens, CSRF tokens). */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** SHA-256 hex of a high-entropy secret; what the database keeps instead of the secret. */
export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** Constant-time string comparison (for CSRF tokens). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const API_TOKEN_PREFIX = "fyr_";

/** A new API token: `fyr_` + 32 random bytes, base64url. */
export function newApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomSecret(32)}`;
}

/** True when the string has the shape of an API token (checked before any database lookup). */
export function looksLikeApiToken(value: string): boolean {
  return /^fyr_[A-Za-z0-9_-]{43,100}$/.test(value);
}

/** True when the string has the shape of a session id. */
export function looksLikeSessionId(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
