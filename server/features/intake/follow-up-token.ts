import { createHash, randomBytes } from "node:crypto";

/** A new follow-up token for a reporter: 256 random bits, URL-safe. Only its hash is stored. */
export function newFollowUpToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The stored form of a follow-up token. */
export function hashFollowUpToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The token from `Authorization: Bearer <token>`, or null when the header is absent or malformed. */
export function followUpTokenFrom(authorization: string | undefined): string | null {
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/i.exec(authorization ?? "");
  return match?.[1] ?? null;
}
