import type { Insertable, Selectable } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type {
  CoordinationPostFilesTable,
  CoordinationPostMaterialTable,
  CoordinationPostsTable,
} from "../../platform/db/tables/coordination.js";
import { participantPostVisibleSql } from "./policy.js";

// SQL of posts, their recipients, files, report material and the mails sent about a case.

export type PostRow = Selectable<CoordinationPostsTable> & { author_name: string | null };
export type FileRow = Selectable<CoordinationPostFilesTable>;
export type MaterialRow = Selectable<CoordinationPostMaterialTable>;

export async function insertPost(db: Db, row: Insertable<CoordinationPostsTable>): Promise<string> {
  const r = await db.insertInto("coordination_posts").values(row).returning("id").executeTakeFirstOrThrow();
  return r.id;
}

export async function insertRecipients(db: Db, postId: string, participantIds: readonly string[]): Promise<void> {
  if (participantIds.length === 0) return;
  await db
    .insertInto("coordination_post_recipients")
    .values(participantIds.map((participant_id) => ({ post_id: postId, participant_id })))
    .execute();
}

const postQuery = (db: Db) =>
  db
    .selectFrom("coordination_posts as o")
    .leftJoin("users as u", "u.id", "o.author_user_id")
    .selectAll("o")
    .select("u.name as author_name");

/** Every post of a case (staff: the policy filters them one by one), pinned first, then oldest first. */
export async function selectPosts(db: Db, caseId: string): Promise<PostRow[]> {
  return postQuery(db)
    .where("o.case_id", "=", caseId)
    .orderBy("o.pinned", "desc")
    .orderBy("o.created_at")
    .orderBy("o.id")
    .execute();
}

/** The posts participant `participantId` sees, through the policy's condition. */
export async function selectParticipantPosts(db: Db, caseId: string, participantId: string): Promise<PostRow[]> {
  return postQuery(db)
    .where("o.case_id", "=", caseId)
    .where(participantPostVisibleSql(participantId, "o"))
    .orderBy("o.pinned", "desc")
    .orderBy("o.created_at")
    .orderBy("o.id")
    .execute();
}

export async function selectPost(db: Db, caseId: string, id: string): Promise<PostRow | undefined> {
  return postQuery(db).where("o.case_id", "=", caseId).where("o.id", "=", id).executeTakeFirst();
}

export async function setPostPinned(db: Db, id: string, pinned: boolean): Promise<void> {
  await db.updateTable("coordination_posts").set({ pinned }).where("id", "=", id).execute();
}

/** Each post's recipients (participant ids). */
export async function selectRecipients(db: Db, postIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (postIds.length === 0) return out;
  const rows = await db
    .selectFrom("coordination_post_recipients")
    .selectAll()
    .where("post_id", "in", postIds)
    .execute();
  for (const r of rows) out.set(r.post_id, [...(out.get(r.post_id) ?? []), r.participant_id]);
  return out;
}

export async function insertFile(db: Db, row: Insertable<CoordinationPostFilesTable>): Promise<FileRow> {
  return db.insertInto("coordination_post_files").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function selectFiles(db: Db, postIds: readonly string[]): Promise<FileRow[]> {
  if (postIds.length === 0) return [];
  return db
    .selectFrom("coordination_post_files")
    .selectAll()
    .where("post_id", "in", postIds)
    .orderBy("created_at")
    .execute();
}

export async function selectFile(
  db: Db,
  caseId: string,
  fileId: string,
): Promise<(FileRow & { case_id: string }) | undefined> {
  return db
    .selectFrom("coordination_post_files as f")
    .innerJoin("coordination_posts as o", "o.id", "f.post_id")
    .selectAll("f")
    .select("o.case_id")
    .where("o.case_id", "=", caseId)
    .where("f.id", "=", fileId)
    .executeTakeFirst();
}

export async function insertMaterial(db: Db, rows: Insertable<CoordinationPostMaterialTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto("coordination_post_material").values(rows).execute();
}

export async function selectMaterial(db: Db, postIds: readonly string[]): Promise<MaterialRow[]> {
  if (postIds.length === 0) return [];
  return db
    .selectFrom("coordination_post_material")
    .selectAll()
    .where("post_id", "in", postIds)
    .orderBy("id")
    .execute();
}

export async function insertCaseMail(
  db: Db,
  row: { outbox_id: string; case_id: string; participant_id: string; thread_id: string | null; email: string },
): Promise<void> {
  await db.insertInto("coordination_mail").values(row).execute();
}

/** The case mail a reply answers (by the reply token: our outbox ids), newest first. */
export async function selectCaseMailByOutbox(db: Db, outboxIds: readonly string[]) {
  if (outboxIds.length === 0) return undefined;
  return db
    .selectFrom("coordination_mail")
    .selectAll()
    .where("outbox_id", "in", outboxIds)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function postByMailMessageId(db: Db, messageId: string): Promise<string | undefined> {
  const r = await db
    .selectFrom("coordination_posts")
    .select("id")
    .where("mail_message_id", "=", messageId)
    .executeTakeFirst();
  return r?.id;
}
