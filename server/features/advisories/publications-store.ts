import { sql, type Insertable, type Selectable } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { AdvisoryPublicationsTable } from "../../platform/db/tables/advisories.js";

// SQL for what is published: the pages', feeds' and CSAF provider's one source.

export type PublicationRow = Selectable<AdvisoryPublicationsTable>;
export type PublicationListRow = Omit<PublicationRow, "csaf" | "signature">;

export async function upsertPublication(db: Db, row: Insertable<AdvisoryPublicationsTable>): Promise<void> {
  const { advisory_id: _id, language: _lang, ...rest } = row;
  await db
    .insertInto("advisory_publications")
    .values(row)
    .onConflict((oc) => oc.columns(["advisory_id", "language"]).doUpdateSet(rest))
    .execute();
}

export async function selectPublicationsOf(db: Db, advisoryId: string): Promise<PublicationListRow[]> {
  return db.selectFrom("advisory_publications").select(LIST_COLUMNS).where("advisory_id", "=", advisoryId).execute();
}

const LIST_COLUMNS = [
  "advisory_id",
  "language",
  "tracking_id",
  "kind",
  "tlp",
  "revision",
  "content",
  "folder",
  "path",
  "sha256",
  "sha512",
  "initial_release_at",
  "current_release_at",
] as const;

/** A document by its path under the provider (clear/2026/fyr-sa-2026-0001.json). */
export async function selectPublicationByPath(db: Db, path: string): Promise<PublicationRow | undefined> {
  return db.selectFrom("advisory_publications").selectAll().where("path", "=", path).executeTakeFirst();
}

/** Every document in a TLP folder, newest change first (index.txt, changes.csv, the ROLIE feed). */
export async function selectFolder(db: Db, folder: PublicationRow["folder"]): Promise<PublicationListRow[]> {
  return db
    .selectFrom("advisory_publications")
    .select(LIST_COLUMNS)
    .where("folder", "=", folder)
    .orderBy("current_release_at", "desc")
    .orderBy("path")
    .execute();
}

/** The published advisories of the public folders in one language, newest first (pages and feeds). */
export async function selectPublicList(db: Db, language: "sv" | "en", folders: readonly string[], limit: number) {
  return db
    .selectFrom("advisory_publications")
    .select(LIST_COLUMNS)
    .where("language", "=", language)
    .where("folder", "in", [...folders] as PublicationRow["folder"][])
    .orderBy("initial_release_at", "desc")
    .orderBy("tracking_id", "desc")
    .limit(limit)
    .execute();
}

/** One advisory's publications by tracking id (both languages). */
export async function selectPublicationsByTrackingId(db: Db, trackingId: string): Promise<PublicationListRow[]> {
  return db
    .selectFrom("advisory_publications as p")
    .innerJoin("advisories as a", "a.id", "p.advisory_id")
    .select(LIST_COLUMNS.map((c) => `p.${c}` as const))
    .where("a.tracking_id", "=", trackingId)
    .execute();
}

/** What changes whenever anything is published: the pages' and feeds' cache key and Last-Modified. */
export async function selectPublicationStamp(db: Db): Promise<{ count: number; latest: Date | null }> {
  const row = await db
    .selectFrom("advisory_publications")
    .select([sql<number>`count(*)::int`.as("count"), sql<Date | null>`max(current_release_at)`.as("latest")])
    .executeTakeFirst();
  return { count: Number(row?.count ?? 0), latest: row?.latest ? new Date(row.latest) : null };
}
