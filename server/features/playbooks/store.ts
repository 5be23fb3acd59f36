import type { Selectable, Updateable } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { PlaybooksTable } from "../../platform/db/tables/incidents.js";

// SQL for the playbooks table only; rules live in the use-case files.

export type PlaybookRow = Selectable<PlaybooksTable>;

/** Playbooks still offered, class-specific ones first; with a class, those for it plus those for every class. */
export async function selectActivePlaybooks(db: Db, filter: { rsitClass?: string }): Promise<PlaybookRow[]> {
  let query = db.selectFrom("playbooks").selectAll().where("archived_at", "is", null);
  const rsitClass = filter.rsitClass;
  if (rsitClass !== undefined)
    query = query.where((eb) => eb.or([eb("rsit_class", "=", rsitClass), eb("rsit_class", "is", null)]));
  return query
    .orderBy("rsit_class", (ob) => ob.asc().nullsLast())
    .orderBy("name_en")
    .orderBy("id")
    .execute();
}

/** One playbook, archived or not; `forUpdate` locks it for the caller's transaction. */
export async function selectPlaybook(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<PlaybookRow | undefined> {
  let query = db.selectFrom("playbooks").selectAll().where("id", "=", id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export interface NewPlaybook {
  rsitClass: string | null;
  name: { sv: string; en: string };
  description: { sv: string; en: string };
  tasksJson: string;
  at: Date;
}

/** Inserts a playbook; returns the stored row. */
export async function insertPlaybook(db: Db, p: NewPlaybook): Promise<PlaybookRow> {
  return db
    .insertInto("playbooks")
    .values({
      rsit_class: p.rsitClass,
      name_sv: p.name.sv,
      name_en: p.name.en,
      description_sv: p.description.sv,
      description_en: p.description.en,
      tasks: p.tasksJson,
      created_at: p.at,
      updated_at: p.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Changes a playbook and moves its version on; returns the stored row. */
export async function updatePlaybookRow(
  db: Db,
  id: string,
  changes: Omit<Updateable<PlaybooksTable>, "id" | "version" | "created_at">,
): Promise<PlaybookRow> {
  return db
    .updateTable("playbooks")
    .set((eb) => ({ ...changes, version: eb("version", "+", 1) }))
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
