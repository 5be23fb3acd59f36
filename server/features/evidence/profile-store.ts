import type { Selectable } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { FileProfilesTable } from "../../platform/db/tables/evidence.js";

// SQL for what a file's content is (one row per content, by SHA-256).

export type ProfileRow = Selectable<FileProfilesTable>;

export async function selectProfile(db: Db, sha256: string): Promise<ProfileRow | undefined> {
  return db.selectFrom("file_profiles").selectAll().where("sha256", "=", sha256).executeTakeFirst();
}

export async function selectProfiles(db: Db, hashes: readonly string[]): Promise<Map<string, ProfileRow>> {
  if (hashes.length === 0) return new Map();
  const rows = await db
    .selectFrom("file_profiles")
    .selectAll()
    .where("sha256", "in", [...new Set(hashes)])
    .execute();
  return new Map(rows.map((r) => [r.sha256, r]));
}

/** Stores a profile; a newer rules version replaces an older one, the same version is kept (a race). */
export async function upsertProfile(
  db: Db,
  row: Omit<ProfileRow, "archive" | "message"> & { archive: unknown; message: unknown },
): Promise<void> {
  const values = {
    ...row,
    archive: row.archive === null ? null : JSON.stringify(row.archive),
    message: row.message === null ? null : JSON.stringify(row.message),
  };
  await db
    .insertInto("file_profiles")
    .values(values)
    .onConflict((oc) =>
      oc
        .column("sha256")
        .doUpdateSet((eb) => ({
          sha1: eb.ref("excluded.sha1"),
          md5: eb.ref("excluded.md5"),
          size: eb.ref("excluded.size"),
          detected_type: eb.ref("excluded.detected_type"),
          detected_ext: eb.ref("excluded.detected_ext"),
          text_like: eb.ref("excluded.text_like"),
          executable: eb.ref("excluded.executable"),
          archive: eb.ref("excluded.archive"),
          message: eb.ref("excluded.message"),
          version: eb.ref("excluded.version"),
          identified_at: eb.ref("excluded.identified_at"),
        }))
        .where("file_profiles.version", "<", row.version),
    )
    .execute();
}
