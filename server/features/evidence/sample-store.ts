import { type Insertable, type SqlBool, sql } from "kysely";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import type { FileSamplesTable } from "../../platform/db/tables/evidence.js";
import type { TlpLabel } from "../../platform/db/tables/intake.js";
import { hiddenCasesSql } from "../../platform/tlp.js";

// SQL for files marked as malware samples. A mark is read for a content (SHA-256) over the cases the
// viewer sees: one marked in a case hidden from them neither shows nor changes how they download.

export async function insertSampleMark(db: Db, row: Insertable<FileSamplesTable>): Promise<boolean> {
  const inserted = await db
    .insertInto("file_samples")
    .values(row)
    .onConflict((oc) => oc.column("file_id").doNothing())
    .returning("file_id")
    .executeTakeFirst();
  return inserted !== undefined;
}

export interface SampleMarkRow {
  file_id: string;
  case_kind: "report" | "incident";
  case_reference: string;
  case_title: string;
  case_tlp: TlpLabel;
  reason: string;
  marked_by: string | null;
  marked_by_name: string | null;
  marked_by_email: string | null;
  marked_at: Date;
}

/** The marks on this content in cases the viewer sees, oldest first. */
export async function selectVisibleSampleMarks(db: Db, actor: Actor, sha256: string): Promise<SampleMarkRow[]> {
  return db
    .selectFrom("file_samples as s")
    .leftJoin("reports as r", (j) => j.onRef("r.id", "=", "s.case_id").on("s.case_kind", "=", "report"))
    .leftJoin("incidents as i", (j) => j.onRef("i.id", "=", "s.case_id").on("s.case_kind", "=", "incident"))
    .leftJoin("users as u", "u.id", "s.marked_by")
    .select([
      "s.file_id",
      "s.case_kind",
      sql<string>`coalesce(r.reference, i.reference)`.as("case_reference"),
      sql<string>`coalesce(i.title, nullif(r.summary, ''), left(r.what_happened, 120))`.as("case_title"),
      sql<TlpLabel>`coalesce(i.tlp, r.tlp)`.as("case_tlp"),
      "s.reason",
      "s.marked_by",
      "u.name as marked_by_name",
      "u.email as marked_by_email",
      "s.marked_at",
    ])
    .where("s.sha256", "=", sha256)
    .where(sql<SqlBool>`s.case_id not in (${hiddenCasesSql(actor)})`)
    .orderBy("s.marked_at")
    .execute();
}

/** Whether this content is a sample for the viewer (marked in a case they see). */
export async function isSampleFor(db: Db, actor: Actor, sha256: string): Promise<boolean> {
  const row = await db
    .selectFrom("file_samples as s")
    .select("s.file_id")
    .where("s.sha256", "=", sha256)
    .where(sql<SqlBool>`s.case_id not in (${hiddenCasesSql(actor)})`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
