import { type Selectable, sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { Language } from "../../platform/db/tables/accounts.js";
import type { ForumMembersTable, ForumsTable } from "../../platform/db/tables/forums.js";

// SQL of forums and their memberships (proposals included). No rules: policy.ts and the use cases decide.

export type ForumRow = Selectable<ForumsTable>;
export type MemberRow = Selectable<ForumMembersTable> & {
  sponsor_name: string;
  user_organisation_id: string | null;
  user_language: Language | null;
};
export interface ForumCounts {
  members: number;
  pending: number;
}

export async function insertForum(db: Db, values: Omit<ForumRow, "id" | "updated_at">): Promise<ForumRow> {
  return db
    .insertInto("forums")
    .values({ ...values, updated_at: values.created_at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateForumRow(db: Db, id: string, values: Partial<ForumRow>): Promise<ForumRow | undefined> {
  return db.updateTable("forums").set(values).where("id", "=", id).returningAll().executeTakeFirst();
}

export async function selectForum(db: Db, id: string): Promise<ForumRow | undefined> {
  return db.selectFrom("forums").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function selectForumByAddress(db: Db, address: string): Promise<ForumRow | undefined> {
  return db.selectFrom("forums").selectAll().where("list_address", "=", address.toLowerCase()).executeTakeFirst();
}

export async function selectForumByName(db: Db, name: string, address: string | null): Promise<ForumRow | undefined> {
  return db
    .selectFrom("forums")
    .selectAll()
    .where((eb) => eb.or([eb("name", "=", name), ...(address ? [eb("list_address", "=", address)] : [])]))
    .executeTakeFirst();
}

/** Every forum (staff), or those where `userId` is an active member, by name; with their counts. */
export async function selectForums(db: Db, onlyMemberOf?: string): Promise<(ForumRow & ForumCounts)[]> {
  let q = db
    .selectFrom("forums as f")
    .selectAll("f")
    .select((eb) => [
      eb
        .selectFrom("forum_members as m")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("m.forum_id", "=", "f.id")
        .where("m.status", "=", "active")
        .as("members"),
      eb
        .selectFrom("forum_members as m")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("m.forum_id", "=", "f.id")
        .where("m.status", "=", "proposed")
        .as("pending"),
    ])
    .orderBy("f.name");
  if (onlyMemberOf !== undefined)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("forum_members as mine")
          .select("mine.id")
          .whereRef("mine.forum_id", "=", "f.id")
          .where("mine.user_id", "=", onlyMemberOf)
          .where("mine.status", "=", "active"),
      ),
    );
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, members: r.members ?? 0, pending: r.pending ?? 0 }));
}

const memberColumns = (db: Db) =>
  db
    .selectFrom("forum_members as m")
    .innerJoin("users as s", "s.id", "m.sponsor_id")
    .leftJoin("users as u", "u.id", "m.user_id")
    .selectAll("m")
    .select(["s.name as sponsor_name", "u.organisation_id as user_organisation_id", "u.language as user_language"]);

/** A forum's memberships in every status, proposals first, then by name. */
export async function selectMembers(db: Db, forumId: string): Promise<MemberRow[]> {
  return memberColumns(db)
    .where("m.forum_id", "=", forumId)
    .orderBy(sql`m.status = 'proposed'`, "desc")
    .orderBy("m.name")
    .orderBy("m.id")
    .execute();
}

export async function selectMember(db: Db, forumId: string, memberId: string): Promise<MemberRow | undefined> {
  return memberColumns(db).where("m.forum_id", "=", forumId).where("m.id", "=", memberId).executeTakeFirst();
}

/** The user's membership of the forum, any status (the policy reads the status). */
export async function selectMembershipOf(db: Db, forumId: string, userId: string): Promise<MemberRow | undefined> {
  return memberColumns(db).where("m.forum_id", "=", forumId).where("m.user_id", "=", userId).executeTakeFirst();
}

/** The membership held by this address in the forum, any status. */
export async function selectMemberByEmail(db: Db, forumId: string, email: string): Promise<MemberRow | undefined> {
  return memberColumns(db)
    .where("m.forum_id", "=", forumId)
    .where("m.email", "=", email.toLowerCase())
    .executeTakeFirst();
}

/** The user's active memberships (my forums), keyed by forum. */
export async function selectActiveMemberships(db: Db, userId: string): Promise<MemberRow[]> {
  return memberColumns(db).where("m.user_id", "=", userId).where("m.status", "=", "active").execute();
}

type NewMember = Omit<Selectable<ForumMembersTable>, "id">;

/** A proposal: a new row, or a rejected / lapsed / removed one proposed again. */
export async function upsertProposal(db: Db, values: NewMember): Promise<string> {
  const row = await db
    .insertInto("forum_members")
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(["forum_id", "email"])
        .doUpdateSet(values)
        .where("forum_members.status", "in", ["rejected", "lapsed", "removed"]),
    )
    .returning("id")
    .executeTakeFirst();
  return row?.id ?? "";
}

/** Moves a membership on, if it is still in `from` (one statement, so two deciders cannot both). */
export async function moveMember(
  db: Db,
  memberId: string,
  from: readonly string[],
  values: Partial<Selectable<ForumMembersTable>>,
): Promise<boolean> {
  const res = await db
    .updateTable("forum_members")
    .set(values)
    .where("id", "=", memberId)
    .where("status", "in", from as ForumMembersTable["status"][])
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Active members with an account: the forum's recipients (keys where known). */
export async function selectRecipients(db: Db, forumId: string): Promise<MemberRow[]> {
  return memberColumns(db)
    .where("m.forum_id", "=", forumId)
    .where("m.status", "=", "active")
    .where("m.user_id", "is not", null)
    .orderBy("m.id")
    .execute();
}

/** Active members confirmed before `before` and not asked yet: due for the yearly question. */
export async function selectDueForReconfirmation(db: Db, before: Date, limit: number): Promise<MemberRow[]> {
  return memberColumns(db)
    .where("m.status", "=", "active")
    .where("m.confirmed_at", "<", before)
    .where("m.reconfirm_asked_at", "is", null)
    .limit(limit)
    .execute();
}

/** Active members asked before `askedBefore` who have not answered: they lapse. */
export async function selectUnanswered(db: Db, askedBefore: Date, limit: number): Promise<MemberRow[]> {
  return memberColumns(db)
    .where("m.status", "=", "active")
    .where("m.reconfirm_asked_at", "<", askedBefore)
    .limit(limit)
    .execute();
}

/** Active members who take a daily digest and have had none since `before`. */
export async function selectDigestDue(db: Db, before: Date, limit: number): Promise<MemberRow[]> {
  return memberColumns(db)
    .where("m.status", "=", "active")
    .where("m.digest", "=", true)
    .where("m.user_id", "is not", null)
    .where((eb) => eb.or([eb("m.digest_sent_at", "is", null), eb("m.digest_sent_at", "<", before)]))
    .limit(limit)
    .execute();
}

/** Claims the yearly question for a member (one statement: two workers never ask twice). */
export async function claimReconfirmQuestion(db: Db, memberId: string, at: Date): Promise<boolean> {
  const res = await db
    .updateTable("forum_members")
    .set({ reconfirm_asked_at: at })
    .where("id", "=", memberId)
    .where("status", "=", "active")
    .where("reconfirm_asked_at", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Claims a member's digest from `previous` to `at` (compare-and-set: one digest per period). */
export async function claimDigest(db: Db, memberId: string, previous: Date | null, at: Date): Promise<boolean> {
  const res = await db
    .updateTable("forum_members")
    .set({ digest_sent_at: at })
    .where("id", "=", memberId)
    .where((eb) => (previous === null ? eb("digest_sent_at", "is", null) : eb("digest_sent_at", "=", previous)))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Lapses a member still unanswered since before `cutoff` (a confirmation in between keeps them). */
export async function lapseUnanswered(db: Db, memberId: string, cutoff: Date): Promise<boolean> {
  const res = await db
    .updateTable("forum_members")
    .set({ status: "lapsed" })
    .where("id", "=", memberId)
    .where("status", "=", "active")
    .where("reconfirm_asked_at", "<", cutoff)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
