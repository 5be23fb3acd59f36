import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";

/** Contents recorded in some case and not yet identified, in SHA-256 order after `after`. */
export async function selectUnidentified(
  db: Db,
  after: string | null,
  limit: number,
): Promise<{ sha256: string; filename: string; declaredType: string }[]> {
  const rows = await sql<{ sha256: string; filename: string; declared_type: string }>`
    select distinct on (cf.sha256) cf.sha256, cf.filename, cf.declared_type
    from case_files cf
    where cf.sha256 > ${after ?? ""}
      and not exists (select 1 from file_profiles p where p.sha256 = cf.sha256)
    order by cf.sha256
    limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ sha256: r.sha256, filename: r.filename, declaredType: r.declared_type }));
}
