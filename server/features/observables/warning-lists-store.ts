import type { Insertable, Selectable, Updateable } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { WarningListEntriesTable, WarningListsTable } from "../../platform/db/tables/observables.js";
import type { WarningEntry } from "./warning-match.js";

// SQL for warning lists and their entries.

export type WarningListRow = Selectable<WarningListsTable>;
export type NewWarningEntry = Omit<Insertable<WarningListEntriesTable>, "list_id" | "position">;

export async function selectWarningLists(db: Db): Promise<WarningListRow[]> {
  return db
    .selectFrom("warning_lists")
    .selectAll()
    .orderBy("builtin_key", (o) => o.asc().nullsLast())
    .orderBy("name")
    .execute();
}

export async function selectWarningList(db: Db, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom("warning_lists").selectAll().where("id", "=", id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Entry texts per list, in the order the admin wrote them. */
export async function selectEntryTexts(db: Db, listIds: string[]): Promise<Map<string, string[]>> {
  const byList = new Map<string, string[]>(listIds.map((id) => [id, []]));
  if (listIds.length === 0) return byList;
  const rows = await db
    .selectFrom("warning_list_entries")
    .select(["list_id", "entry"])
    .where("list_id", "in", listIds)
    .orderBy("list_id")
    .orderBy("position")
    .execute();
  for (const row of rows) byList.get(row.list_id)?.push(row.entry);
  return byList;
}

/** Every entry of every enabled list, as matching needs them. */
export async function selectEnabledEntries(db: Db): Promise<WarningEntry[]> {
  const rows = await db
    .selectFrom("warning_list_entries as e")
    .innerJoin("warning_lists as l", "l.id", "e.list_id")
    .select([
      "l.id",
      "l.name",
      "l.builtin_key",
      "l.match_urls_and_emails",
      "e.kind",
      "e.network",
      "e.value_type",
      "e.value",
    ])
    .where("l.enabled", "=", true)
    .execute();
  return rows.map((r) => ({
    listId: r.id,
    listName: r.name,
    matchUrlsAndEmails: r.match_urls_and_emails,
    kind: r.kind,
    network: r.network,
    valueType: r.value_type,
    value: r.value,
  }));
}

/** The built-in list, if enabled (the own-domains list also takes the configured domains). */
export async function selectEnabledBuiltin(db: Db, key: string): Promise<WarningListRow | undefined> {
  return db
    .selectFrom("warning_lists")
    .selectAll()
    .where("builtin_key", "=", key)
    .where("enabled", "=", true)
    .executeTakeFirst();
}

export async function insertWarningList(db: Db, row: Insertable<WarningListsTable>): Promise<WarningListRow> {
  return db.insertInto("warning_lists").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateWarningListRow(
  db: Db,
  id: string,
  set: Updateable<WarningListsTable>,
): Promise<WarningListRow> {
  return db
    .updateTable("warning_lists")
    .set((eb) => ({ ...set, version: eb("version", "+", 1) }))
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Replaces a list's entries with these, in this order. */
export async function replaceEntries(db: Db, listId: string, entries: NewWarningEntry[]): Promise<void> {
  await db.deleteFrom("warning_list_entries").where("list_id", "=", listId).execute();
  for (let start = 0; start < entries.length; start += 2_000) {
    const chunk = entries.slice(start, start + 2_000).map((e, i) => ({ ...e, list_id: listId, position: start + i }));
    await db.insertInto("warning_list_entries").values(chunk).execute();
  }
}

export async function deleteWarningListRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom("warning_lists").where("id", "=", id).execute();
}
