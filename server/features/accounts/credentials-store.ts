import { type Selectable, sql } from "kysely";
import { forgetPrincipals } from "../../platform/auth/principal-cache.js";
import type { Db } from "../../platform/db/connect.js";
import type { ApiTokensTable, LoginThrottleTable } from "../../platform/db/tables/accounts.js";

// Sessions, API tokens, recovery codes and the sign-in throttle: SQL only.

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

/** Revokes every unrevoked token of a user; returns how many. */
export async function revokeUserTokens(db: Db, userId: string, at: Date): Promise<number> {
  const r = await db
    .updateTable("api_tokens")
    .set({ revoked_at: at })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  // This process drops its cached principals now; the others on the trigger's NOTIFY (0005).
  forgetPrincipals();
  return Number(r.numUpdatedRows);
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

/** The throttle state of one (e-mail as typed, client address), or undefined. */
export async function findLoginThrottle(
  db: Db,
  email: string,
  client: string,
): Promise<Selectable<LoginThrottleTable> | undefined> {
  return db
    .selectFrom("login_throttle")
    .selectAll()
    .where("email", "=", email)
    .where("client", "=", client)
    .executeTakeFirst();
}

/** Failures for the e-mail from every client since `since` (how hard the account is being tried). */
export async function countRecentLoginFailures(db: Db, email: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom("login_throttle")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("failures"), eb.lit(0)).as("n"))
    .where("email", "=", email)
    .where("last_failure_at", ">", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Counts one failure for (e-mail, client) in one statement, so concurrent failures in several
 * processes all count; earlier failures older than `forgetBefore` are forgotten. Returns the count.
 */
export async function addLoginFailure(
  db: Db,
  f: { email: string; client: string; at: Date; forgetBefore: Date },
): Promise<number> {
  const row = await db
    .insertInto("login_throttle")
    .values({ email: f.email, client: f.client, failures: 1, last_failure_at: f.at, locked_until: null })
    .onConflict((oc) =>
      oc.columns(["email", "client"]).doUpdateSet({
        failures: sql<number>`case when login_throttle.last_failure_at > ${f.forgetBefore}
          then login_throttle.failures + 1 else 1 end`,
        last_failure_at: f.at,
      }),
    )
    .returning("failures")
    .executeTakeFirstOrThrow();
  // Old rows of the e-mail (other clients, long quiet) go, so the table stays small.
  await db
    .deleteFrom("login_throttle")
    .where("email", "=", f.email)
    .where("last_failure_at", "<=", f.forgetBefore)
    .execute();
  return row.failures;
}

/** Sets (or clears) the lock of one (e-mail, client). */
export async function setLoginLock(db: Db, email: string, client: string, until: Date | null): Promise<void> {
  await db
    .updateTable("login_throttle")
    .set({ locked_until: until })
    .where("email", "=", email)
    .where("client", "=", client)
    .execute();
}

/** Forgets the failures of one (e-mail, client) after it signed in. */
export async function clearLoginThrottle(db: Db, email: string, client: string): Promise<void> {
  await db.deleteFrom("login_throttle").where("email", "=", email).where("client", "=", client).execute();
}
