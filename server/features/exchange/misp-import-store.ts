import type { Insertable } from "kysely";
import type { TypedValue } from "../../../contract/observables.js";
import type { Db } from "../../platform/db/connect.js";
import type { MispImportValuesTable, MispImportsTable } from "../../platform/db/tables/misp.js";

// SQL only: MISP events imported into incidents, and the TLP each imported value came with.

export async function insertMispImport(db: Db, row: Insertable<MispImportsTable>): Promise<void> {
  await db.insertInto("misp_imports").values(row).execute();
}

/** Each imported value with its TLP (once per import). */
export async function insertMispImportValues(db: Db, rows: Insertable<MispImportValuesTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5_000)
    await db
      .insertInto("misp_import_values")
      .values(rows.slice(i, i + 5_000))
      .onConflict((oc) => oc.columns(["import_id", "observable_id"]).doNothing())
      .execute();
}

/** The ids of stored observables, by type and value. */
export async function selectObservableIds(db: Db, values: readonly TypedValue[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < values.length; i += 2_000) {
    const part = values.slice(i, i + 2_000);
    const rows = await db
      .selectFrom("observables")
      .select(["id", "type", "value"])
      .where((eb) => eb.or(part.map((v) => eb.and([eb("type", "=", v.type), eb("value", "=", v.value)]))))
      .execute();
    for (const r of rows) out.set(`${r.type} ${r.value}`, r.id);
  }
  return out;
}

/** The timestamp of the event as last imported from this feed source, if it was. */
export async function selectLastImportedTimestamp(
  db: Db,
  sourceId: string,
  eventUuid: string,
): Promise<number | null | undefined> {
  const row = await db
    .selectFrom("misp_imports")
    .select("event_timestamp")
    .where("source_id", "=", sourceId)
    .where("event_uuid", "=", eventUuid)
    .orderBy("imported_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.event_timestamp;
}
