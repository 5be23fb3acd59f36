import { type Insertable, sql } from "kysely";
import type { TlpLabel } from "../../../contract/intake.js";
import type { TypedValue } from "../../../contract/observables.js";
import type { Db } from "../../platform/db/connect.js";
import type { MispImportsTable } from "../../platform/db/tables/misp.js";

// SQL only: MISP events imported into incidents, and the TLP each imported value came with.

export async function insertMispImport(db: Db, row: Insertable<MispImportsTable>): Promise<void> {
  await db.insertInto("misp_imports").values(row).execute();
}

/**
 * Each imported value with its TLP, found by type and value among the observables just stored: one
 * statement per 10,000. Answers how many values the import holds.
 */
export async function insertMispImportValues(
  db: Db,
  importId: string,
  incidentId: string,
  values: readonly { value: TypedValue; tlp: TlpLabel }[],
): Promise<number> {
  let written = 0;
  for (let i = 0; i < values.length; i += 10_000) {
    const part = values.slice(i, i + 10_000);
    const res = await sql`
      insert into misp_import_values (import_id, incident_id, observable_id, tlp)
      select ${importId}::uuid, ${incidentId}::uuid, o.id, w.tlp
      from unnest(${part.map((v) => v.value.type)}::text[], ${part.map((v) => v.value.value)}::text[],
        ${part.map((v) => v.tlp)}::text[]) as w(type, value, tlp)
      join observables o on o.type = w.type and o.value = w.value
      on conflict (import_id, observable_id) do nothing`.execute(db);
    written += Number(res.numAffectedRows ?? 0);
  }
  return written;
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
