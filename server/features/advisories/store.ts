import { type Insertable, type Selectable, type Updateable, sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type {
  AdvisoriesTable,
  AdvisoryCommentsTable,
  AdvisoryRevisionsTable,
  AdvisoryTextsTable,
} from "../../platform/db/tables/advisories.js";

// SQL for advisories being written: the advisory, its texts, versions, comments and revisions.

export type AdvisoryRow = Selectable<AdvisoriesTable>;
export type AdvisoryTextRow = Selectable<AdvisoryTextsTable>;
export type AdvisoryCommentRow = Selectable<AdvisoryCommentsTable> & { author_name: string };
export type AdvisoryRevisionRow = Selectable<AdvisoryRevisionsTable>;

export async function insertAdvisory(db: Db, row: Insertable<AdvisoriesTable>): Promise<AdvisoryRow> {
  return db.insertInto("advisories").values(row).returningAll().executeTakeFirstOrThrow();
}

/** The advisory, locked for the rest of the transaction when `forUpdate` (every step of the workflow). */
export async function selectAdvisory(db: Db, id: string, forUpdate = false): Promise<AdvisoryRow | undefined> {
  let q = db.selectFrom("advisories").selectAll().where("id", "=", id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function updateAdvisory(db: Db, id: string, set: Updateable<AdvisoriesTable>): Promise<AdvisoryRow> {
  return db.updateTable("advisories").set(set).where("id", "=", id).returningAll().executeTakeFirstOrThrow();
}

export async function selectTexts(db: Db, advisoryId: string): Promise<AdvisoryTextRow[]> {
  return db.selectFrom("advisory_texts").selectAll().where("advisory_id", "=", advisoryId).execute();
}

/** Inserts or replaces one language's text. */
export async function upsertText(db: Db, row: Insertable<AdvisoryTextsTable>): Promise<void> {
  await db
    .insertInto("advisory_texts")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["advisory_id", "language"]).doUpdateSet((eb) => ({
        title: eb.ref("excluded.title"),
        summary: eb.ref("excluded.summary"),
        body: eb.ref("excluded.body"),
        measures: eb.ref("excluded.measures"),
        items: eb.ref("excluded.items"),
        text_version: eb.ref("excluded.text_version"),
        source_version: eb.ref("excluded.source_version"),
        updated_by: eb.ref("excluded.updated_by"),
        updated_at: eb.ref("excluded.updated_at"),
      })),
    )
    .execute();
}

export async function insertVersion(
  db: Db,
  row: { advisory_id: string; version: number; content: string; saved_by: string; saved_at: Date },
): Promise<void> {
  await db.insertInto("advisory_versions").values(row).execute();
}

export async function selectVersions(
  db: Db,
  advisoryId: string,
  versions: number[],
): Promise<{ version: number; content: unknown }[]> {
  return db
    .selectFrom("advisory_versions")
    .select(["version", "content"])
    .where("advisory_id", "=", advisoryId)
    .where("version", "in", versions)
    .execute();
}

export async function insertComment(db: Db, row: Insertable<AdvisoryCommentsTable>): Promise<void> {
  await db.insertInto("advisory_comments").values(row).execute();
}

export async function selectComments(db: Db, advisoryId: string): Promise<AdvisoryCommentRow[]> {
  return db
    .selectFrom("advisory_comments as c")
    .innerJoin("users as u", "u.id", "c.author_id")
    .selectAll("c")
    .select("u.name as author_name")
    .where("c.advisory_id", "=", advisoryId)
    .orderBy("c.created_at")
    .orderBy("c.id")
    .execute();
}

export async function insertRevision(db: Db, row: AdvisoryRevisionRow): Promise<void> {
  await db.insertInto("advisory_revisions").values(row).execute();
}

export async function selectRevisions(db: Db, advisoryId: string): Promise<AdvisoryRevisionRow[]> {
  return db
    .selectFrom("advisory_revisions")
    .selectAll()
    .where("advisory_id", "=", advisoryId)
    .orderBy("number")
    .execute();
}

export async function selectUserName(db: Db, userId: string): Promise<string> {
  const row = await db.selectFrom("users").select("name").where("id", "=", userId).executeTakeFirst();
  return row?.name ?? "";
}

/** Advisories for the console's list, newest change first, with the Swedish title (else the English). */
export async function selectAdvisoryList(db: Db, limit: number) {
  return db
    .selectFrom("advisories as a")
    .leftJoin("advisory_texts as sv", (j) => j.onRef("sv.advisory_id", "=", "a.id").on("sv.language", "=", "sv"))
    .leftJoin("advisory_texts as en", (j) => j.onRef("en.advisory_id", "=", "a.id").on("en.language", "=", "en"))
    .selectAll("a")
    .select([
      "sv.title as sv_title",
      "en.title as en_title",
      "sv.text_version as sv_version",
      "en.source_version as en_source",
    ])
    .orderBy("a.updated_at", "desc")
    .orderBy("a.id", "desc")
    .limit(limit)
    .execute();
}

/** Advisories naming a CVE, newest change first; `publishedOnly` leaves out what is not published. */
export async function selectAdvisoriesNaming(db: Db, cve: string, publishedOnly: boolean, limit: number) {
  let q = db
    .selectFrom("advisories as a")
    .leftJoin("advisory_texts as sv", (j) => j.onRef("sv.advisory_id", "=", "a.id").on("sv.language", "=", "sv"))
    .leftJoin("advisory_texts as en", (j) => j.onRef("en.advisory_id", "=", "a.id").on("en.language", "=", "en"))
    .select(["a.id", "a.tracking_id", "a.status", "sv.title as sv_title", "en.title as en_title"])
    .where(sql<boolean>`${cve} = ANY(a.cves)`);
  if (publishedOnly) q = q.where("a.revision", ">", 0);
  return q.orderBy("a.updated_at", "desc").orderBy("a.id", "desc").limit(limit).execute();
}

/** Scheduled advisories whose time has come, oldest first. */
export async function selectDueAdvisories(db: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom("advisories")
    .select("id")
    .where("status", "=", "scheduled")
    .where("publish_at", "<=", now)
    .orderBy("publish_at")
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Who saved a version after `version` (those who wrote what is about to be approved). */
export async function selectEditorsSince(db: Db, advisoryId: string, version: number): Promise<string[]> {
  const rows = await db
    .selectFrom("advisory_versions")
    .select("saved_by")
    .distinct()
    .where("advisory_id", "=", advisoryId)
    .where("version", ">", version)
    .execute();
  return rows.map((r) => r.saved_by);
}

/** The weekly letter being written: the newest weekly draft. */
export async function selectCurrentWeeklyDraft(db: Db): Promise<{ id: string; tracking_id: string } | undefined> {
  return db
    .selectFrom("advisories")
    .select(["id", "tracking_id"])
    .where("kind", "=", "weekly")
    .where("status", "=", "draft")
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}
