import { randomBytes } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import { sha256Hex } from "../../platform/auth/secrets.js";

const ISSUER = "Fyr";
// ±1 time step of 30 s, for clocks that drift a little.
const TOLERANCE_SECONDS = 30;

/** A new base32 TOTP secret (20 random bytes). */
export function newTotpSecret(): string {
  return generateSecret();
}

/** The otpauth:// URI an authenticator app scans. */
export function totpUri(email: string, secret: string): string {
  return generateURI({ issuer: ISSUER, label: email, secret });
}

/**
 * The time step a 6-digit code matches (±1 step), or null. A step at or before `afterStep`
 * is refused, so a code cannot be used twice.
 */
export async function matchTotp(
  secret: string,
  code: string,
  now: Date,
  afterStep: number | null,
): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
  }).catch(() => ({ valid: false as const }));
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

/** Ten fresh recovery codes as shown to the user (xxxx-xxxx-xxxx, 48 bits each). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: 10 }, () => {
    const hex = randomBytes(6).toString("hex");
    return `${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}`;
  });
}

/** The stored form of a recovery code, however it was typed (case, dashes, spaces). */
export function recoveryCodeHash(typed: string): string {
  return sha256Hex(typed.toLowerCase().replace(/[^0-9a-f]/g, ""));
}

/** True when the input has the shape of a recovery code rather than a TOTP code. */
export function looksLikeRecoveryCode(typed: string): boolean {
  return typed.toLowerCase().replace(/[\s-]/g, "").length === 12;
}
