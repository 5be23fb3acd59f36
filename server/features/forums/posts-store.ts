import { type Selectable, sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type {
  ForumHeldMailTable,
  ForumIntroductionsTable,
  ForumPostKind,
  ForumPostsTable,
} from "../../platform/db/tables/forums.js";
import type { PageWindow } from "../../platform/keyset-page.js";

// SQL of posts and meeting notes (the archive), held mail and introductions. Which TLP:RED posts a list
// holds is handed in from policy.ts (`red`), never decided here.

export type PostRow = Omit<Selectable<ForumPostsTable>, "meeting_on"> & { meeting_on: string | null; author: string };
export type PostKeys = { at: string; id: string };

export async function insertPost(
  db: Db,
  values: Omit<Selectable<ForumPostsTable>, "id" | "distributed_at" | "meeting_on"> & { meeting_on: string | null },
): Promise<string> {
  const row = await db
    .insertInto("forum_posts")
    .values({ ...values, distributed_at: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const postColumns = (db: Db) =>
  db
    .selectFrom("forum_posts as p")
    .innerJoin("users as u", "u.id", "p.author_id")
    .select([
      "p.id",
      "p.forum_id",
      "p.kind",
      "p.title",
      "p.body",
      "p.tlp",
      "p.author_id",
      "p.via",
      "p.created_at",
      "p.distributed_at",
      "u.name as author",
      sql<string | null>`to_char(p.meeting_on, 'YYYY-MM-DD')`.as("meeting_on"),
    ]);

/** A page of a forum's archive, newest first; TLP:RED rows only as `red` says. */
export async function selectPosts(
  db: Db,
  forumId: string,
  filter: { kind?: ForumPostKind; red: "all" | { authorId: string } },
  window: PageWindow<PostKeys>,
): Promise<PostRow[]> {
  let q = postColumns(db).where("p.forum_id", "=", forumId);
  if (filter.kind) q = q.where("p.kind", "=", filter.kind);
  const red = filter.red;
  if (red !== "all") q = q.where((eb) => eb.or([eb("p.tlp", "<>", "TLP:RED"), eb("p.author_id", "=", red.authorId)]));
  const after = window.after;
  if (after) q = q.where(sql<boolean>`(p.created_at, p.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  return q.orderBy("p.created_at", "desc").orderBy("p.id", "desc").limit(window.limit).execute();
}

export async function selectPost(db: Db, postId: string): Promise<PostRow | undefined> {
  return postColumns(db).where("p.id", "=", postId).executeTakeFirst();
}

/** Posts of these forums since `since` (a digest), oldest first, at most `limit`. */
export async function selectPostsSince(db: Db, forumId: string, since: Date, limit: number): Promise<PostRow[]> {
  return postColumns(db)
    .where("p.forum_id", "=", forumId)
    .where("p.created_at", ">", since)
    .orderBy("p.created_at")
    .limit(limit)
    .execute();
}

export async function markDistributed(db: Db, postId: string, at: Date): Promise<boolean> {
  const res = await db
    .updateTable("forum_posts")
    .set({ distributed_at: at })
    .where("id", "=", postId)
    .where("distributed_at", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export type HeldRow = Selectable<ForumHeldMailTable>;

export async function insertHeldMail(db: Db, values: Omit<HeldRow, "id">): Promise<void> {
  await db.insertInto("forum_held_mail").values(values).execute();
}

export async function selectHeldMail(db: Db, forumId: string, limit: number): Promise<HeldRow[]> {
  return db
    .selectFrom("forum_held_mail")
    .selectAll()
    .where("forum_id", "=", forumId)
    .orderBy("received_at", "desc")
    .limit(limit)
    .execute();
}

export type IntroductionRow = Selectable<ForumIntroductionsTable> & { by_name: string; a_name: string; b_name: string };

export async function insertIntroduction(
  db: Db,
  values: Omit<Selectable<ForumIntroductionsTable>, "id">,
): Promise<string> {
  const row = await db.insertInto("forum_introductions").values(values).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

/** A forum's introductions, newest first; only those naming `memberId` when given. */
export async function selectIntroductions(db: Db, forumId: string, memberId?: string): Promise<IntroductionRow[]> {
  let q = db
    .selectFrom("forum_introductions as i")
    .innerJoin("users as by", "by.id", "i.introduced_by")
    .innerJoin("forum_members as a", "a.id", "i.member_a")
    .innerJoin("forum_members as b", "b.id", "i.member_b")
    .selectAll("i")
    .select(["by.name as by_name", "a.name as a_name", "b.name as b_name"])
    .where("i.forum_id", "=", forumId);
  if (memberId !== undefined)
    q = q.where((eb) => eb.or([eb("i.member_a", "=", memberId), eb("i.member_b", "=", memberId)]));
  return q.orderBy("i.created_at", "desc").limit(500).execute();
}
