import type { Insertable } from "kysely";
import type { Db } from "../../../platform/db/connect.js";
import type { TlpLabel } from "../../../platform/db/tables/intake.js";
import type { TaxiiCollectionsTable } from "../../../platform/db/tables/exchange.js";
import type { CollectionRow } from "./taxii-store.js";

// SQL only: the staff side of TAXII — partner agreements, collections and their grants.

/** Marks an organisation as a partner CERT at this TLP (or changes its TLP). */
export async function upsertPartner(
  db: Db,
  row: { organisation_id: string; max_tlp: TlpLabel; created_by: string; created_at: Date },
): Promise<void> {
  await db
    .insertInto("exchange_partners")
    .values(row)
    .onConflict((oc) => oc.column("organisation_id").doUpdateSet({ max_tlp: row.max_tlp }))
    .execute();
}

export async function insertCollection(db: Db, row: Insertable<TaxiiCollectionsTable>): Promise<void> {
  await db.insertInto("taxii_collections").values(row).execute();
}

export async function selectCollection(db: Db, id: string): Promise<CollectionRow | undefined> {
  return db.selectFrom("taxii_collections").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function selectAllCollections(db: Db): Promise<CollectionRow[]> {
  return db.selectFrom("taxii_collections").selectAll().orderBy("created_at").orderBy("id").execute();
}

export interface GrantRow {
  collection_id: string;
  organisation_id: string;
  can_read: boolean;
  can_write: boolean;
}

export async function selectGrants(db: Db, collectionIds: readonly string[]): Promise<GrantRow[]> {
  if (collectionIds.length === 0) return [];
  return db
    .selectFrom("taxii_collection_access")
    .selectAll()
    .where("collection_id", "in", [...collectionIds])
    .orderBy("organisation_id")
    .execute();
}

/** Sets an organisation's grant on a collection; no read and no write removes it. */
export async function putGrant(db: Db, grant: GrantRow): Promise<void> {
  if (!grant.can_read && !grant.can_write) {
    await db
      .deleteFrom("taxii_collection_access")
      .where("collection_id", "=", grant.collection_id)
      .where("organisation_id", "=", grant.organisation_id)
      .execute();
    return;
  }
  await db
    .insertInto("taxii_collection_access")
    .values(grant)
    .onConflict((oc) =>
      oc
        .columns(["collection_id", "organisation_id"])
        .doUpdateSet({ can_read: grant.can_read, can_write: grant.can_write }),
    )
    .execute();
}
