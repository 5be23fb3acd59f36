import { sql } from "kysely";
import type { Db } from "../../../platform/db/connect.js";
import type { ConstituencyImportsTable } from "../../../platform/db/tables/constituency-imports.js";
import type { Selectable, Updateable } from "kysely";

export type ConstituencyImportRow = Selectable<ConstituencyImportsTable>;

export async function insertImport(
  db: Db,
  row: {
    id: string;
    format: ConstituencyImportRow["format"];
    source: string;
    filters: ConstituencyImportRow["filters"];
    fileNames: string[];
    skipInvalid: boolean;
    createdBy: string | null;
  },
): Promise<void> {
  await db
    .insertInto("constituency_imports")
    .values({
      id: row.id,
      format: row.format,
      source: row.source,
      filters: JSON.stringify(row.filters),
      file_names: row.fileNames,
      status: "reading",
      skip_invalid: row.skipInvalid,
      created_by: row.createdBy,
    })
    .execute();
}

export async function updateImport(
  db: Db,
  id: string,
  values: Updateable<ConstituencyImportsTable>,
  onlyIf?: ConstituencyImportRow["status"],
): Promise<ConstituencyImportRow | undefined> {
  let q = db.updateTable("constituency_imports").set(values).where("id", "=", id);
  if (onlyIf !== undefined) q = q.where("status", "=", onlyIf);
  return q.returningAll().executeTakeFirst();
}

export async function selectImport(db: Db, id: string, forUpdate = false): Promise<ConstituencyImportRow | undefined> {
  const q = db.selectFrom("constituency_imports").selectAll().where("id", "=", id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

/** Previews older than `before` lose their staged rows (the import must be read again to apply). */
export async function expirePreviews(db: Db, before: Date): Promise<void> {
  await sql`
    with gone as (
      update constituency_imports set status = 'failed', error = 'expired: the preview was not applied in time'
      where status in ('preview', 'reading') and created_at < ${before}
      returning id
    )
    delete from constituency_import_rows where import_id in (select id from gone)
  `.execute(db);
}

/** One import of a source at a time applies, whichever process runs it. */
export async function lockSource(db: Db, source: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`constituency-import:${source}`}))`.execute(db);
}
