import type { Selectable } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { AccountLinkPurpose, AccountLinksTable } from "../../platform/db/tables/accounts.js";

// One-time account links (invitations, password resets): SQL only. Rules live in account-links.ts.

export type AccountLinkRow = Selectable<AccountLinksTable>;

export interface NewAccountLink {
  userId: string;
  purpose: AccountLinkPurpose;
  tokenHash: string;
  revokeTokens: boolean;
  createdBy: string | null;
  at: Date;
  expiresAt: Date;
}

/** Stores a new link and returns its row. */
export async function insertAccountLink(db: Db, link: NewAccountLink): Promise<AccountLinkRow> {
  return db
    .insertInto("account_links")
    .values({
      user_id: link.userId,
      purpose: link.purpose,
      token_hash: link.tokenHash,
      revoke_tokens: link.revokeTokens,
      created_by: link.createdBy,
      created_at: link.at,
      expires_at: link.expiresAt,
      used_at: null,
      revoked_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Revokes the user's links not yet used or revoked (a newer link, a password set, the user disabled). */
export async function revokeOpenAccountLinks(db: Db, userId: string, at: Date): Promise<number> {
  const rows = await db
    .updateTable("account_links")
    .set({ revoked_at: at })
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .where("revoked_at", "is", null)
    .returning("id")
    .execute();
  return rows.length;
}

/** The link with this token hash that is neither used, revoked nor expired at `at`, or undefined. */
export async function findLiveAccountLink(db: Db, tokenHash: string, at: Date): Promise<AccountLinkRow | undefined> {
  return db
    .selectFrom("account_links")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", at)
    .executeTakeFirst();
}

/**
 * Marks the live link with this token hash used and returns it; undefined when it is not live. One
 * statement, so two browsers racing with the same link cannot both use it: the second finds it used.
 */
export async function takeLiveAccountLink(db: Db, tokenHash: string, at: Date): Promise<AccountLinkRow | undefined> {
  return db
    .updateTable("account_links")
    .set({ used_at: at })
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", at)
    .returningAll()
    .executeTakeFirst();
}

/** How many reset links the user was sent since `since`, and when the newest of them was made. */
export async function recentResetLinks(
  db: Db,
  userId: string,
  since: Date,
): Promise<{ resets: number; newest: Date | null }> {
  const row = await db
    .selectFrom("account_links")
    .select((eb) => [eb.fn.countAll<string>().as("resets"), eb.fn.max("created_at").as("newest")])
    .where("user_id", "=", userId)
    .where("purpose", "=", "reset")
    .where("created_at", ">", since)
    .executeTakeFirstOrThrow();
  return { resets: Number(row.resets), newest: row.newest ?? null };
}
