import type { Selectable } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { AdviceTemplatesTable } from "../../platform/db/tables/incidents.js";

// SQL for advice templates.

export type TemplateRow = Selectable<AdviceTemplatesTable>;

export async function selectTemplates(db: Db, language?: "sv" | "en"): Promise<TemplateRow[]> {
  let query = db.selectFrom("advice_templates").selectAll().where("archived_at", "is", null);
  if (language) query = query.where("language", "=", language);
  return query.orderBy("key").orderBy("language").execute();
}

export async function selectTemplateByKey(
  db: Db,
  key: string,
  language: "sv" | "en",
): Promise<TemplateRow | undefined> {
  return db
    .selectFrom("advice_templates")
    .selectAll()
    .where("key", "=", key)
    .where("language", "=", language)
    .where("archived_at", "is", null)
    .executeTakeFirst();
}

/** Inserts a template; undefined when the key already exists in that language. */
export async function insertTemplate(
  db: Db,
  row: Omit<TemplateRow, "id" | "archived_at">,
): Promise<TemplateRow | undefined> {
  return db
    .insertInto("advice_templates")
    .values(row)
    .onConflict((oc) => oc.columns(["key", "language"]).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateTemplate(
  db: Db,
  id: string,
  set: Partial<Pick<TemplateRow, "name" | "subject" | "body">> & { updated_at: Date },
): Promise<TemplateRow | undefined> {
  return db
    .updateTable("advice_templates")
    .set(set)
    .where("id", "=", id)
    .where("archived_at", "is", null)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteTemplate(db: Db, id: string): Promise<TemplateRow | undefined> {
  return db.deleteFrom("advice_templates").where("id", "=", id).returningAll().executeTakeFirst();
}
