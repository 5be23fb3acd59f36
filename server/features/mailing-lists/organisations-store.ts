import type { Db } from "../../platform/db/connect.js";

// SQL of organisations' subscriptions (list_organisations, 0067). Who the organisations and their
// contacts are is the constituency's: read through its service, never here.

export interface OrganisationSubscriptionRow {
  list_id: string;
  organisation_id: string;
  roles: string[];
  created_at: Date;
}

export async function selectOrganisationSubscriptions(
  db: Db,
  by: { listId?: string; organisationId?: string },
): Promise<OrganisationSubscriptionRow[]> {
  let q = db.selectFrom("list_organisations").select(["list_id", "organisation_id", "roles", "created_at"]);
  if (by.listId) q = q.where("list_id", "=", by.listId);
  if (by.organisationId) q = q.where("organisation_id", "=", by.organisationId);
  return q.orderBy("created_at").orderBy("organisation_id").execute();
}

export async function upsertOrganisationSubscription(
  db: Db,
  row: { listId: string; organisationId: string; roles: string[]; by: string | null; at: Date },
): Promise<void> {
  await db
    .insertInto("list_organisations")
    .values({
      list_id: row.listId,
      organisation_id: row.organisationId,
      roles: row.roles,
      created_by: row.by,
      created_at: row.at,
    })
    .onConflict((oc) => oc.columns(["list_id", "organisation_id"]).doUpdateSet({ roles: row.roles }))
    .execute();
}

/** True when there was one to remove. */
export async function deleteOrganisationSubscription(db: Db, listId: string, organisationId: string) {
  const row = await db
    .deleteFrom("list_organisations")
    .where("list_id", "=", listId)
    .where("organisation_id", "=", organisationId)
    .returning("list_id")
    .executeTakeFirst();
  return row !== undefined;
}
