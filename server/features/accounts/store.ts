import type { Selectable } from "kysely";
import type { UserRole } from "../../../contract/roles.js";
import { forgetPrincipals } from "../../platform/auth/principal-cache.js";
import type { Db } from "../../platform/db/connect.js";
import type { Language, UsersTable } from "../../platform/db/tables/accounts.js";

// Users and settings queries. Sessions, tokens, recovery codes and login failures: credentials-store.ts.

export type UserRow = Selectable<UsersTable>;

/** How many users exist (any kind, any state). */
export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The user with this (lower-case) e-mail, or undefined. */
export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
}

/** The user with this id, or undefined. */
export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Locks and returns the same row, for a read-modify-write inside a transaction. */
export async function lockUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export interface NewUser {
  email: string;
  name: string;
  /** A staff user's roles; a member gets exactly `member`. */
  roles: UserRole[];
  /** A member: the organisation they belong to. Absent: a staff user. */
  memberOf?: string;
  /** A member bound to no organisation (a forum's external member, migration 0085). */
  external?: boolean;
  /** Null for an invited user, until they choose a password through their link. */
  passwordHash: string | null;
  language?: Language;
  at: Date;
}

/** Inserts a user (staff, or a member with `memberOf`) and returns the row. */
export async function insertUser(db: Db, u: NewUser): Promise<UserRow> {
  return db
    .insertInto("users")
    .values({
      email: u.email,
      name: u.name,
      roles: u.roles,
      password_hash: u.passwordHash,
      password_changed_at: u.passwordHash === null ? null : u.at,
      ...(u.language ? { language: u.language } : {}),
      ...(u.memberOf !== undefined || u.external === true ? { kind: "member" as const } : {}),
      organisation_id: u.memberOf ?? null,
      totp_secret: null,
      totp_enabled_at: null,
      totp_last_step: null,
      last_login_at: null,
      disabled_at: null,
      created_at: u.at,
      updated_at: u.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type UserUpdate = Partial<
  Pick<
    UserRow,
    | "name"
    | "roles"
    | "language"
    | "disabled_at"
    | "password_hash"
    | "password_changed_at"
    | "totp_secret"
    | "totp_enabled_at"
    | "totp_last_step"
    | "last_login_at"
  >
>;

// The columns a cached principal carries (migration 0005 announces the same to other processes).
const PRINCIPAL_COLUMNS = ["name", "roles", "language", "disabled_at", "totp_enabled_at"] as const;

/** Updates the given columns (and updated_at) and returns the row. */
export async function updateUser(db: Db, id: string, set: UserUpdate, at: Date): Promise<UserRow> {
  const row = await db
    .updateTable("users")
    .set({ ...set, updated_at: at })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (PRINCIPAL_COLUMNS.some((column) => column in set)) forgetPrincipals();
  return row;
}

/** Users whose stored TOTP secret is not sealed under `keyId` (plaintext, or an older key), locked. */
export async function lockSecretsNotUnder(db: Db, keyId: string): Promise<{ id: string; totp_secret: string }[]> {
  const rows = await db
    .selectFrom("users")
    .select(["id", "totp_secret"])
    .where("totp_secret", "is not", null)
    .where("totp_secret", "not like", `fyr1.${keyId}.%`)
    .orderBy("id")
    .forUpdate()
    .execute();
  return rows.flatMap((r) => (r.totp_secret === null ? [] : [{ id: r.id, totp_secret: r.totp_secret }]));
}

/** How many stored TOTP secrets name the key `keyId`. */
export async function countSecretsUnder(db: Db, keyId: string): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("totp_secret", "like", `fyr1.${keyId}.%`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Replaces one user's stored TOTP secret with its re-sealed form (the secret itself is the same). */
export async function replaceSealedSecret(db: Db, id: string, sealed: string): Promise<void> {
  await db.updateTable("users").set({ totp_secret: sealed }).where("id", "=", id).execute();
}

/** Staff users ordered by e-mail, after the given e-mail (keyset). */
export async function listUsers(db: Db, limit: number, afterEmail: string | null): Promise<UserRow[]> {
  let q = db.selectFrom("users").selectAll().where("kind", "=", "staff").orderBy("email").limit(limit);
  if (afterEmail !== null) q = q.where("email", ">", afterEmail);
  return q.execute();
}

/** Ids of active admins, locked so two concurrent demotions cannot both pass the last-admin check. */
export async function lockActiveAdmins(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom("users")
    .select("id")
    .where("disabled_at", "is", null)
    .where((eb) => eb(eb.val("admin"), "=", eb.fn.any("roles")))
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}

/** A setting's JSON value, or undefined. */
export async function readSetting(db: Db, key: string): Promise<unknown> {
  const row = await db.selectFrom("app_settings").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value;
}

/** Inserts or replaces a setting. */
export async function writeSetting(db: Db, key: string, value: unknown, at: Date): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto("app_settings")
    .values({ key, value: json, updated_at: at })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: json, updated_at: at }))
    .execute();
  forgetPrincipals();
}

/** Removes a setting and returns its value; a concurrent taker waits, then finds none. */
export async function takeSetting(db: Db, key: string): Promise<unknown> {
  const row = await db.deleteFrom("app_settings").where("key", "=", key).returning("value").executeTakeFirst();
  forgetPrincipals();
  return row?.value;
}
