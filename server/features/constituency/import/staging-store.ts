import { sql } from "kysely";
import type { Db } from "../../../platform/db/connect.js";

// The staged rows of an import (constituency_import_rows, unlogged): written a batch per statement as
// one json parameter (json_to_recordset, on both databases; json, not jsonb, is parsed once and never
// converted), deduplicated once when the reading is done, removed when the import is applied.

export type StagedKind = "organisation" | "network" | "asn" | "domain" | "contact";

/** One row as read, keyed by the source's own key; its organisation by the organisation's key. */
export interface StagedRow {
  kind: StagedKind;
  key: string;
  org: string;
  file: number;
  line: number;
  name?: string | null;
  orgNumber?: string | null;
  language?: string | null;
  country?: string | null;
  first?: string | null;
  last?: string | null;
  label?: string | null;
  asn?: number | null;
  domain?: string | null;
  email?: string | null;
  phone?: string | null;
  role?: string | null;
}

export async function insertStagedRows(db: Db, importId: string, rows: readonly StagedRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into constituency_import_rows (import_id, kind, source_key, org_key, file_index, line, name, org_number,
      language, country, first_address, last_address, label, asn, domain, email, phone, role)
    select ${importId}::uuid, x.kind, x.key, x.org, x.file, x.line, x.name, x."orgNumber", x.language, x.country,
      x.first, x.last, x.label, x.asn, x.domain, x.email, x.phone, x.role
    from json_to_recordset(${JSON.stringify(rows)}::json) as x(kind text, key text, org text, file integer,
      line integer, name text, "orgNumber" text, language text, country text, first inet, last inet, label text,
      asn bigint, domain text, email text, phone text, role text)
  `.execute(db);
}

/** Keeps the first row of each key (files and lines in order): the same network twice is one network. */
export async function dropDuplicateRows(db: Db, importId: string): Promise<void> {
  await sql`
    delete from constituency_import_rows r
    where r.import_id = ${importId}::uuid and exists (
      select 1 from constituency_import_rows d
      where d.import_id = r.import_id and d.kind = r.kind and d.source_key = r.source_key
        and (d.file_index, d.line, d.ctid) < (r.file_index, r.line, r.ctid))
  `.execute(db);
}

/** Rows whose organisation was never staged: their first line per organisation, and how many. */
export async function selectOrphanRows(
  db: Db,
  importId: string,
  limit: number,
): Promise<{ org_key: string; file_index: number; line: number; rows: number }[]> {
  const result = await sql<{ org_key: string; file_index: number; line: number; rows: number }>`
    select r.org_key, min(r.file_index) as file_index, min(r.line) as line, count(*)::int as rows
    from constituency_import_rows r
    where r.import_id = ${importId}::uuid and r.kind <> 'organisation' and not exists (
      select 1 from constituency_import_rows o
      where o.import_id = r.import_id and o.kind = 'organisation' and o.source_key = r.org_key)
    group by r.org_key order by min(r.file_index), min(r.line) limit ${limit}
  `.execute(db);
  return result.rows;
}

export async function countOrphanRows(db: Db, importId: string): Promise<number> {
  const result = await sql<{ n: number }>`
    select count(distinct r.org_key)::int as n from constituency_import_rows r
    where r.import_id = ${importId}::uuid and r.kind <> 'organisation' and not exists (
      select 1 from constituency_import_rows o
      where o.import_id = r.import_id and o.kind = 'organisation' and o.source_key = r.org_key)
  `.execute(db);
  return result.rows[0]?.n ?? 0;
}

export async function deleteOrphanRows(db: Db, importId: string): Promise<void> {
  await sql`
    delete from constituency_import_rows r
    where r.import_id = ${importId}::uuid and r.kind <> 'organisation' and not exists (
      select 1 from constituency_import_rows o
      where o.import_id = r.import_id and o.kind = 'organisation' and o.source_key = r.org_key)
  `.execute(db);
}

export async function deleteStagedRows(db: Db, importId: string): Promise<void> {
  await sql`delete from constituency_import_rows where import_id = ${importId}::uuid`.execute(db);
}

/**
 * Fresh statistics for the staged rows: the table is empty to the planner until analysed, and a plan
 * made for an empty table (nested loops over a million rows) turns the diff from seconds into hours.
 */
export async function analyseStagedRows(db: Db): Promise<void> {
  await sql`analyze constituency_import_rows`.execute(db);
}

/** The same for the registry's tables once an apply has added to them. */
export async function analyseRegistry(db: Db): Promise<void> {
  await sql`analyze organisations, organisation_networks, organisation_asns, organisation_contacts`.execute(db);
}
