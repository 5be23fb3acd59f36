import type { Selectable } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { RecipientPgpKeysTable } from "../../platform/db/tables/correspondence.js";

// SQL for recipients' OpenPGP public keys.

export type PgpKeyRow = Selectable<RecipientPgpKeysTable>;

export async function selectPgpKeys(db: Db): Promise<PgpKeyRow[]> {
  return db.selectFrom("recipient_pgp_keys").selectAll().orderBy("email").execute();
}

export async function selectPgpKey(db: Db, id: string): Promise<PgpKeyRow | undefined> {
  return db.selectFrom("recipient_pgp_keys").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The keys held for these addresses (lower case) that have not expired at `now`. */
export async function selectUsableKeys(db: Db, emails: readonly string[], now: Date): Promise<PgpKeyRow[]> {
  if (emails.length === 0) return [];
  return db
    .selectFrom("recipient_pgp_keys")
    .selectAll()
    .where("email", "in", emails)
    .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]))
    .execute();
}

/** Inserts a key; undefined when the address already has one. */
export async function insertPgpKey(db: Db, row: Omit<PgpKeyRow, "id">): Promise<PgpKeyRow | undefined> {
  return db
    .insertInto("recipient_pgp_keys")
    .values(row)
    .onConflict((oc) => oc.column("email").doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function deletePgpKey(db: Db, id: string): Promise<PgpKeyRow | undefined> {
  return db.deleteFrom("recipient_pgp_keys").where("id", "=", id).returningAll().executeTakeFirst();
}
