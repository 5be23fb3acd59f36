import { type Insertable, type Selectable, type Updateable, sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { OrganisationContactsTable } from "../../platform/db/tables/constituency.js";

// SQL for contacts and their yearly confirmation links.

export type ContactRow = Selectable<OrganisationContactsTable>;

export async function selectContacts(db: Db, organisationId: string): Promise<ContactRow[]> {
  return db
    .selectFrom("organisation_contacts")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .orderBy("role")
    .orderBy("email")
    .execute();
}

export async function selectContact(
  db: Db,
  organisationId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ContactRow | undefined> {
  let query = db
    .selectFrom("organisation_contacts")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("id", "=", id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Inserts a contact; undefined when the organisation has this e-mail in this role already. */
export async function insertContact(
  db: Db,
  row: Insertable<OrganisationContactsTable>,
): Promise<ContactRow | undefined> {
  return db
    .insertInto("organisation_contacts")
    .values(row)
    .onConflict((oc) => oc.columns(["organisation_id", "email", "role"]).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateContactRow(
  db: Db,
  id: string,
  changes: Updateable<OrganisationContactsTable>,
): Promise<ContactRow> {
  return db
    .updateTable("organisation_contacts")
    .set(changes)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteContact(db: Db, organisationId: string, id: string): Promise<ContactRow | undefined> {
  return db
    .deleteFrom("organisation_contacts")
    .where("organisation_id", "=", organisationId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
}

export async function isContactTaken(
  db: Db,
  organisationId: string,
  email: string,
  role: string,
  exceptId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("organisation_contacts")
    .select("id")
    .where("organisation_id", "=", organisationId)
    .where("email", "=", email)
    .where("role", "=", role as ContactRow["role"])
    .where("id", "<>", exceptId)
    .executeTakeFirst();
  return row !== undefined;
}

export type UnverifiedContactRow = ContactRow & { organisation_name: string };

/**
 * Contacts not confirmed since `before` (or never), those never confirmed first, then the oldest
 * confirmation; keyset on (last_verified_at, id) with never as the epoch.
 */
export async function selectUnverifiedContacts(
  db: Db,
  before: Date,
  after: { v: string; id: string } | undefined,
  limit: number,
): Promise<UnverifiedContactRow[]> {
  let query = db
    .selectFrom("organisation_contacts as c")
    .innerJoin("organisations as o", "o.id", "c.organisation_id")
    .selectAll("c")
    .select("o.name as organisation_name")
    .where((eb) => eb.or([eb("c.last_verified_at", "is", null), eb("c.last_verified_at", "<", before)]));
  if (after)
    query = query.where(
      sql<boolean>`(coalesce(c.last_verified_at, 'epoch'::timestamptz), c.id) > (${after.v}::timestamptz, ${after.id}::uuid)`,
    );
  return query
    .orderBy(sql`coalesce(c.last_verified_at, 'epoch'::timestamptz)`)
    .orderBy("c.id")
    .limit(limit)
    .execute();
}
