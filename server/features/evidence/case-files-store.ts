import { type SqlBool, sql } from "kysely";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import type { CaseFilesView } from "../../platform/db/tables/evidence.js";
import type { TlpLabel } from "../../platform/db/tables/intake.js";
import { hiddenCasesSql } from "../../platform/tlp.js";

// SQL over `case_files` (migration 0034: every file any case holds, one view over the tables that record
// files). Every query here filters through the viewer's hidden set (platform/tlp.ts): a file of a case
// they may not see is not listed, counted, found by its hash or marked a sample for them.

export type CaseFileRow = CaseFilesView & {
  case_reference: string;
  case_title: string;
  case_tlp: TlpLabel;
  received_by_name: string | null;
  received_by_email: string | null;
  /** The same content is marked a sample in a case the viewer sees (this one or another). */
  sample: boolean;
};

function visibleFiles(db: Db, actor: Actor) {
  return db
    .selectFrom("case_files as cf")
    .leftJoin("reports as r", (j) => j.onRef("r.id", "=", "cf.case_id").on("cf.case_kind", "=", "report"))
    .leftJoin("incidents as i", (j) => j.onRef("i.id", "=", "cf.case_id").on("cf.case_kind", "=", "incident"))
    .leftJoin("users as u", "u.id", "cf.received_by")
    .selectAll("cf")
    .select([
      sql<string>`coalesce(r.reference, i.reference)`.as("case_reference"),
      sql<string>`coalesce(i.title, nullif(r.summary, ''), left(r.what_happened, 120))`.as("case_title"),
      sql<TlpLabel>`coalesce(i.tlp, r.tlp)`.as("case_tlp"),
      "u.name as received_by_name",
      "u.email as received_by_email",
      sql<boolean>`exists (select 1 from file_samples s where s.sha256 = cf.sha256
        and s.case_id not in (${hiddenCasesSql(actor)}))`.as("sample"),
    ])
    .where(sql<SqlBool>`cf.case_id not in (${hiddenCasesSql(actor)})`);
}

/** One file, if the viewer may see its case. */
export async function selectCaseFile(db: Db, actor: Actor, id: string): Promise<CaseFileRow | undefined> {
  return visibleFiles(db, actor).where("cf.id", "=", id).executeTakeFirst();
}

/** The files these cases hold, oldest first (a report's or an incident's, with its linked reports). */
export async function selectFilesOfCases(db: Db, actor: Actor, caseIds: readonly string[]): Promise<CaseFileRow[]> {
  if (caseIds.length === 0) return [];
  return visibleFiles(db, actor)
    .where("cf.case_id", "in", [...caseIds])
    .orderBy("cf.received_at")
    .orderBy("cf.position")
    .orderBy("cf.id")
    .execute();
}

/** Files with this content in cases the viewer sees, newest first, at most `limit`. */
export async function selectFilesBySha256(db: Db, actor: Actor, sha256: string, limit: number): Promise<CaseFileRow[]> {
  return visibleFiles(db, actor)
    .where("cf.sha256", "=", sha256)
    .orderBy("cf.received_at", "desc")
    .orderBy("cf.id", "desc")
    .limit(limit)
    .execute();
}
