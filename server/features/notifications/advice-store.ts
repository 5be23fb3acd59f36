import type { Selectable } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { NotificationAdviceTable } from "../../platform/db/tables/notifications.js";

export type AdviceRow = Selectable<NotificationAdviceTable>;

/** Every advice text, by key. */
export async function selectAdvice(db: Db): Promise<AdviceRow[]> {
  return db.selectFrom("notification_advice").selectAll().orderBy("key").execute();
}

/** Writes an advice text (new or changed); answers the row before, if any, and after. */
export async function upsertAdvice(
  db: Db,
  row: Omit<AdviceRow, "updated_at"> & { updated_at: Date },
): Promise<{ before: AdviceRow | undefined; after: AdviceRow }> {
  const before = await db
    .selectFrom("notification_advice")
    .selectAll()
    .where("key", "=", row.key)
    .forUpdate()
    .executeTakeFirst();
  const after = await db
    .insertInto("notification_advice")
    .values(row)
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        title_sv: row.title_sv,
        title_en: row.title_en,
        body_sv: row.body_sv,
        body_en: row.body_en,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return { before, after };
}

/** Removes an advice text; answers whether it existed. */
export async function deleteAdvice(db: Db, key: string): Promise<boolean> {
  const row = await db.deleteFrom("notification_advice").where("key", "=", key).returning("key").executeTakeFirst();
  return row !== undefined;
}
