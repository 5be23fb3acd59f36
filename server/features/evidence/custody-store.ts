import type { Insertable, Selectable } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { FileCustodyEventsTable } from "../../platform/db/tables/evidence.js";

// SQL for the chain of custody after receipt (append-only: the table refuses updates and deletes).

export type CustodyEventRow = Selectable<FileCustodyEventsTable>;

export async function insertCustodyEvent(db: Db, row: Insertable<FileCustodyEventsTable>): Promise<void> {
  await db.insertInto("file_custody_events").values(row).execute();
}

/** A file's custody events, oldest first. */
export async function selectCustodyEvents(db: Db, fileId: string): Promise<CustodyEventRow[]> {
  return db
    .selectFrom("file_custody_events")
    .selectAll()
    .where("file_id", "=", fileId)
    .orderBy("at")
    .orderBy("id")
    .execute();
}

/** The deletion of a file that is gone (its record outlives it), if it was deleted. */
export async function selectDeletion(db: Db, fileId: string): Promise<CustodyEventRow | undefined> {
  return db
    .selectFrom("file_custody_events")
    .selectAll()
    .where("file_id", "=", fileId)
    .where("event", "=", "deleted")
    .executeTakeFirst();
}
