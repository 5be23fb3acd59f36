import type { Db } from "../db/connect.js";
import type { UserRole } from "../../../contract/roles.js";
import type { Language, UserKind } from "../db/tables/accounts.js";

/** The settings key holding whether every staff user must use TOTP (jsonb boolean). */
export const REQUIRE_TOTP_SETTING = "security.require_totp";

/** The user behind a session or token, with what the request needs to know (one query). */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  kind: UserKind;
  organisationId: string | null;
  roles: UserRole[];
  language: Language;
  totpEnabled: boolean;
  requireTotp: boolean;
}

export interface SessionPrincipal extends Principal {
  csrfToken: string;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface TokenPrincipal extends Principal {
  tokenId: string;
  lastUsedAt: Date | null;
}

const userColumns = [
  "u.id as userId",
  "u.email",
  "u.name",
  "u.kind",
  "u.organisation_id as organisationId",
  "u.roles",
  "u.language",
  "u.totp_enabled_at",
] as const;

type UserRow = {
  userId: string;
  email: string;
  name: string;
  kind: UserKind;
  organisationId: string | null;
  roles: UserRole[];
  language: Language;
  totp_enabled_at: Date | null;
  requireTotp: unknown;
};

function toPrincipal(row: UserRow): Principal {
  return {
    userId: row.userId,
    email: row.email,
    name: row.name,
    kind: row.kind,
    organisationId: row.organisationId,
    roles: row.roles,
    language: row.language,
    totpEnabled: row.totp_enabled_at !== null,
    requireTotp: row.requireTotp === true,
  };
}

/** The active user owning the session with this id hash, or undefined. */
export async function findSessionPrincipal(db: Db, idHash: string): Promise<SessionPrincipal | undefined> {
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select(userColumns)
    .select(["s.csrf_token", "s.last_seen_at", "s.expires_at"])
    .select((eb) =>
      eb.selectFrom("app_settings").select("value").where("key", "=", REQUIRE_TOTP_SETTING).as("requireTotp"),
    )
    .where("s.id_hash", "=", idHash)
    .where("u.disabled_at", "is", null)
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...toPrincipal(row), csrfToken: row.csrf_token, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at };
}

/** The active user owning the unrevoked API token with this hash, or undefined. */
export async function findTokenPrincipal(db: Db, tokenHash: string): Promise<TokenPrincipal | undefined> {
  const row = await db
    .selectFrom("api_tokens as t")
    .innerJoin("users as u", "u.id", "t.user_id")
    .select(userColumns)
    .select(["t.id as tokenId", "t.last_used_at"])
    .select((eb) =>
      eb.selectFrom("app_settings").select("value").where("key", "=", REQUIRE_TOTP_SETTING).as("requireTotp"),
    )
    .where("t.token_hash", "=", tokenHash)
    .where("t.revoked_at", "is", null)
    .where("u.disabled_at", "is", null)
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...toPrincipal(row), tokenId: row.tokenId, lastUsedAt: row.last_used_at };
}

/** Records that a session was used (the caller throttles this). */
export async function touchSession(db: Db, idHash: string, at: Date): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: at }).where("id_hash", "=", idHash).execute();
}

/** Records that a token was used (the caller throttles this). */
export async function touchToken(db: Db, tokenId: string, at: Date): Promise<void> {
  await db.updateTable("api_tokens").set({ last_used_at: at }).where("id", "=", tokenId).execute();
}

/** Removes one session (expired, or signed out). */
export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
}
