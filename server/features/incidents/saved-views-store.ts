import type { Db } from "../../platform/db/connect.js";

export interface SavedViewRow {
  id: string;
  name: string;
  filters: Record<string, unknown>;
  created_at: Date;
}

/** The user's saved views, by name. */
export async function selectSavedViews(db: Db, userId: string): Promise<SavedViewRow[]> {
  return db
    .selectFrom("saved_views")
    .select(["id", "name", "filters", "created_at"])
    .where("user_id", "=", userId)
    .orderBy("name")
    .orderBy("id")
    .execute();
}

/** Stores a view; on a concurrent twin the unique (user_id, name) constraint keeps one, and this returns undefined. */
export async function insertSavedView(
  db: Db,
  view: { userId: string; name: string; filters: Record<string, unknown>; createdAt: Date },
): Promise<SavedViewRow | undefined> {
  return db
    .insertInto("saved_views")
    .values({
      user_id: view.userId,
      name: view.name,
      filters: JSON.stringify(view.filters),
      created_at: view.createdAt,
    })
    .onConflict((oc) => oc.columns(["user_id", "name"]).doNothing())
    .returning(["id", "name", "filters", "created_at"])
    .executeTakeFirst();
}

/** Deletes one of the user's own views; another user's id deletes nothing. Answers the deleted name. */
export async function deleteSavedView(db: Db, userId: string, id: string): Promise<string | undefined> {
  const row = await db
    .deleteFrom("saved_views")
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .returning("name")
    .executeTakeFirst();
  return row?.name;
}
