import type { SecretBox } from "../../platform/auth/secret-box.js";

// A TOTP secret is sealed bound to its user: copied onto another user's row it does not open.
const context = (userId: string) => `totp:${userId}`;

/** The stored form of a user's TOTP secret. */
export function sealTotpSecret(box: SecretBox, userId: string, secret: string): string {
  return box.seal(secret, context(userId));
}

/** The base32 secret behind a user's stored TOTP secret. */
export function openTotpSecret(box: SecretBox, userId: string, stored: string): string {
  return box.open(stored, context(userId));
}
