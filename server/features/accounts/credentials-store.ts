import type { Selectable } from "kysely";
import { forgetPrincipals } from "../../platform/auth/principal-cache.js";
import type { Db } from "../../platform/db/connect.js";
import type { ApiTokensTable, LoginFailuresTable } from "../../platform/db/tables/accounts.js";

// Sessions, API tokens, recovery codes and login failures: SQL only.

export interface NewSession {
  idHash: string;
  userId: string;
  csrfToken: string;
  at: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/** Stores a new session (by the hash of its id). */
export async function insertSession(db: Db, s: NewSession): Promise<void> {
  await db
    .insertInto("sessions")
    .values({
      id_hash: s.idHash,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      created_at: s.at,
      last_seen_at: s.at,
      expires_at: s.expiresAt,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

/** Deletes the user's sessions, except the one with `keepIdHash` (the caller's own). */
export async function deleteUserSessions(db: Db, userId: string, keepIdHash: string | null = null): Promise<void> {
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepIdHash) q = q.where("id_hash", "!=", keepIdHash);
  await q.execute();
}

/** Removes one session. */
export async function deleteSessionByHash(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
}

export type TokenRow = Selectable<ApiTokensTable>;

/** Stores a new API token (by its hash) and returns the row. */
export async function insertToken(
  db: Db,
  t: { userId: string; label: string; tokenHash: string; at: Date },
): Promise<TokenRow> {
  return db
    .insertInto("api_tokens")
    .values({
      user_id: t.userId,
      label: t.label,
      token_hash: t.tokenHash,
      created_at: t.at,
      last_used_at: null,
      revoked_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A user's tokens, newest first. */
export async function listUserTokens(db: Db, userId: string): Promise<TokenRow[]> {
  return db.selectFrom("api_tokens").selectAll().where("user_id", "=", userId).orderBy("created_at", "desc").execute();
}

/** One token by id, or undefined. */
export async function findToken(db: Db, id: string): Promise<TokenRow | undefined> {
  return db.selectFrom("api_tokens").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Marks a token revoked (idempotent). */
export async function markTokenRevoked(db: Db, id: string, at: Date): Promise<void> {
  await db
    .updateTable("api_tokens")
    .set({ revoked_at: at })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .execute();
  forgetPrincipals();
}

/** Replaces a user's recovery codes (hashes) with a new set. */
export async function replaceRecoveryCodes(db: Db, userId: string, codeHashes: string[]): Promise<void> {
  await db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  if (codeHashes.length === 0) return;
  await db
    .insertInto("recovery_codes")
    .values(codeHashes.map((h) => ({ user_id: userId, code_hash: h, used_at: null })))
    .execute();
}

/** Marks an unused recovery code as used; false when there is no such unused code. */
export async function consumeRecoveryCode(db: Db, userId: string, codeHash: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable("recovery_codes")
    .set({ used_at: at })
    .where("user_id", "=", userId)
    .where("code_hash", "=", codeHash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export type LoginFailureRow = Selectable<LoginFailuresTable>;

/** The failure record of an e-mail as typed, or undefined. */
export async function findLoginFailure(db: Db, email: string): Promise<LoginFailureRow | undefined> {
  return db.selectFrom("login_failures").selectAll().where("email", "=", email).executeTakeFirst();
}

/** Writes the failure count and lock of an e-mail. */
export async function saveLoginFailure(
  db: Db,
  f: { email: string; failures: number; at: Date; lockedUntil: Date | null },
): Promise<void> {
  const set = { failures: f.failures, last_failure_at: f.at, locked_until: f.lockedUntil };
  await db
    .insertInto("login_failures")
    .values({ email: f.email, ...set })
    .onConflict((oc) => oc.column("email").doUpdateSet(set))
    .execute();
}

/** Forgets an e-mail's failures. */
export async function clearLoginFailures(db: Db, email: string): Promise<void> {
  await db.deleteFrom("login_failures").where("email", "=", email).execute();
}
