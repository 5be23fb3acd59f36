import { type Selectable, sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type {
  ListLanguage,
  ListTokenPurpose,
  ListTokensTable,
  MailingListsTable,
} from "../../platform/db/tables/mailing-lists.js";

// SQL of lists, subscribers, memberships, organisations' subscriptions, opt-outs and links (0067).

export type ListRow = Selectable<MailingListsTable>;
export type TokenRow = Selectable<ListTokensTable>;

/** Every list, in their order. */
export async function selectLists(db: Db): Promise<ListRow[]> {
  return db.selectFrom("mailing_lists").selectAll().orderBy("sort").orderBy("id").execute();
}

export async function selectList(db: Db, id: string): Promise<ListRow | undefined> {
  return db.selectFrom("mailing_lists").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Confirmed subscribers and subscribed organisations per list. */
export async function selectListCounts(db: Db): Promise<Map<string, { subscribers: number; organisations: number }>> {
  const rows = await db
    .selectFrom("mailing_lists as l")
    .select([
      "l.id",
      (eb) =>
        eb
          .selectFrom("list_memberships as m")
          .whereRef("m.list_id", "=", "l.id")
          .select(sql<number>`count(*)::int`.as("n"))
          .as("subscribers"),
      (eb) =>
        eb
          .selectFrom("list_organisations as o")
          .whereRef("o.list_id", "=", "l.id")
          .select(sql<number>`count(*)::int`.as("n"))
          .as("organisations"),
    ])
    .execute();
  return new Map(rows.map((r) => [r.id, { subscribers: r.subscribers ?? 0, organisations: r.organisations ?? 0 }]));
}

export async function insertToken(
  db: Db,
  token: {
    hash: string;
    purpose: ListTokenPurpose;
    email: string;
    language: ListLanguage;
    listId: string | null;
    lists: string[];
    at: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto("list_tokens")
    .values({
      token_hash: token.hash,
      purpose: token.purpose,
      email: token.email,
      language: token.language,
      list_id: token.listId,
      lists: token.lists,
      created_at: token.at,
      expires_at: token.expiresAt,
    })
    .execute();
}

/** The manage links of released deliveries, many in one statement. */
export async function insertManageTokens(
  db: Db,
  rows: { hash: string; email: string; language: ListLanguage; listId: string }[],
  at: Date,
  expiresAt: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("list_tokens")
    .values(
      rows.map((r) => ({
        token_hash: r.hash,
        purpose: "manage" as const,
        email: r.email,
        language: r.language,
        list_id: r.listId,
        created_at: at,
        expires_at: expiresAt,
      })),
    )
    .execute();
}

/** A link that still works (unexpired; a confirmation link also unused). */
export async function selectLiveToken(
  db: Db,
  hash: string,
  purpose: ListTokenPurpose,
  now: Date,
): Promise<TokenRow | undefined> {
  return db
    .selectFrom("list_tokens")
    .selectAll()
    .where("token_hash", "=", hash)
    .where("purpose", "=", purpose)
    .where("expires_at", ">", now)
    .where("used_at", "is", null)
    .executeTakeFirst();
}

/** Uses a confirmation link once: two browsers racing with one link cannot both confirm. */
export async function useConfirmToken(db: Db, hash: string, now: Date): Promise<TokenRow | undefined> {
  return db
    .updateTable("list_tokens")
    .set({ used_at: now })
    .where("token_hash", "=", hash)
    .where("purpose", "=", "confirm")
    .where("expires_at", ">", now)
    .where("used_at", "is", null)
    .returningAll()
    .executeTakeFirst();
}

/** The subscriber of this address, created (confirmed now) when absent; the language given wins. */
export async function upsertSubscriber(db: Db, email: string, language: ListLanguage, now: Date): Promise<string> {
  const row = await db
    .insertInto("list_subscribers")
    .values({ email, language, confirmed_at: now, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column("email").doUpdateSet({ language, updated_at: now }))
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function selectSubscriberByEmail(db: Db, email: string) {
  return db.selectFrom("list_subscribers").selectAll().where("email", "=", email).executeTakeFirst();
}

/** The lists this address is a member of, and those it opted out of. */
export async function selectAddressLists(db: Db, email: string): Promise<{ member: string[]; optedOut: string[] }> {
  const [member, optedOut] = await Promise.all([
    db
      .selectFrom("list_memberships as m")
      .innerJoin("list_subscribers as s", "s.id", "m.subscriber_id")
      .where("s.email", "=", email)
      .select("m.list_id")
      .execute(),
    db.selectFrom("list_opt_outs").where("email", "=", email).select("list_id").execute(),
  ]);
  return { member: member.map((r) => r.list_id), optedOut: optedOut.map((r) => r.list_id) };
}

/** Puts the address on these lists (and takes back any opt-out of them). */
export async function joinLists(db: Db, subscriberId: string, email: string, lists: string[], now: Date) {
  if (lists.length === 0) return;
  await db
    .insertInto("list_memberships")
    .values(lists.map((list_id) => ({ list_id, subscriber_id: subscriberId, created_at: now })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db.deleteFrom("list_opt_outs").where("email", "=", email).where("list_id", "in", lists).execute();
}

/** Takes the address off these lists, and records that it wants none of them (organisations' too). */
export async function leaveLists(db: Db, email: string, lists: string[], now: Date): Promise<void> {
  if (lists.length === 0) return;
  await db
    .deleteFrom("list_memberships")
    .where("list_id", "in", lists)
    .where("subscriber_id", "in", (eb) => eb.selectFrom("list_subscribers").select("id").where("email", "=", email))
    .execute();
  await db
    .insertInto("list_opt_outs")
    .values(lists.map((list_id) => ({ list_id, email, created_at: now })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** A subscriber with no list left is removed: the address is no longer kept (retention). */
export async function dropSubscriberWithoutLists(db: Db, email: string): Promise<void> {
  await db
    .deleteFrom("list_subscribers")
    .where("email", "=", email)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom("list_memberships as m").whereRef("m.subscriber_id", "=", "list_subscribers.id"))),
    )
    .execute();
}

export async function setSubscriberLanguage(db: Db, email: string, language: ListLanguage, now: Date) {
  await db.updateTable("list_subscribers").set({ language, updated_at: now }).where("email", "=", email).execute();
}

/** One page of a list's subscribers, by address, filtered by part of it. */
export async function selectSubscriberPage(
  db: Db,
  listId: string,
  q: string | null,
  after: { e: string } | undefined,
  limit: number,
) {
  let query = db
    .selectFrom("list_memberships as m")
    .innerJoin("list_subscribers as s", "s.id", "m.subscriber_id")
    .where("m.list_id", "=", listId)
    .select(["s.id", "s.email", "s.language", "s.confirmed_at", "m.created_at"]);
  if (q) query = query.where("s.email", "like", `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (after) query = query.where("s.email", ">", after.e);
  return query.orderBy("s.email").limit(limit).execute();
}

/** Removes one subscriber from a list (staff); answers the address, or undefined when not on it. */
export async function deleteMembership(db: Db, listId: string, subscriberId: string): Promise<string | undefined> {
  const row = await db
    .deleteFrom("list_memberships")
    .where("list_id", "=", listId)
    .where("subscriber_id", "=", subscriberId)
    .returning("subscriber_id")
    .executeTakeFirst();
  if (!row) return undefined;
  const s = await db.selectFrom("list_subscribers").select("email").where("id", "=", subscriberId).executeTakeFirst();
  return s?.email;
}

/** Expired links go (an unconfirmed request with its link); answers how many. */
export async function deleteExpiredTokens(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom("list_tokens").where("expires_at", "<=", now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
