import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { ContactRow } from "./contacts-store.js";

// SQL for the contacts' yearly confirmation: who is due a mail, the one-time links (hashed).

export type DueContact = ContactRow & { organisation_name: string };

/**
 * Up to `limit` contacts not confirmed since `confirmedBefore` and not asked since `askedBefore`, locked
 * (SKIP LOCKED: two workers never mail the same contact).
 */
export async function selectDueContacts(
  tx: Db,
  confirmedBefore: Date,
  askedBefore: Date,
  limit: number,
): Promise<DueContact[]> {
  return tx
    .selectFrom("organisation_contacts as c")
    .innerJoin("organisations as o", "o.id", "c.organisation_id")
    .selectAll("c")
    .select("o.name as organisation_name")
    .where((eb) => eb.or([eb("c.last_verified_at", "is", null), eb("c.last_verified_at", "<", confirmedBefore)]))
    .where((eb) => eb.or([eb("c.verification_sent_at", "is", null), eb("c.verification_sent_at", "<", askedBefore)]))
    .orderBy(sql`c.last_verified_at nulls first`)
    .orderBy("c.id")
    .limit(limit)
    .forUpdate("c")
    .skipLocked()
    .execute();
}

/** A new link for the contact; the older open ones are retired. */
export async function insertVerificationLink(
  tx: Db,
  contactId: string,
  tokenHash: string,
  at: Date,
  expiresAt: Date,
): Promise<void> {
  await tx
    .updateTable("contact_verifications")
    .set({ used_at: at })
    .where("contact_id", "=", contactId)
    .where("used_at", "is", null)
    .execute();
  await tx
    .insertInto("contact_verifications")
    .values({ token_hash: tokenHash, contact_id: contactId, created_at: at, expires_at: expiresAt })
    .execute();
  await tx.updateTable("organisation_contacts").set({ verification_sent_at: at }).where("id", "=", contactId).execute();
}

/** The contact an open link names (for the page that asks to confirm), or undefined. */
export async function selectLinkContact(db: Db, tokenHash: string, now: Date): Promise<DueContact | undefined> {
  return db
    .selectFrom("contact_verifications as v")
    .innerJoin("organisation_contacts as c", "c.id", "v.contact_id")
    .innerJoin("organisations as o", "o.id", "c.organisation_id")
    .selectAll("c")
    .select("o.name as organisation_name")
    .where("v.token_hash", "=", tokenHash)
    .where("v.used_at", "is", null)
    .where("v.expires_at", ">", now)
    .executeTakeFirst();
}

/** Uses the link once (two clicks racing: one wins) and marks the contact confirmed; its contact, or undefined. */
export async function useVerificationLink(tx: Db, tokenHash: string, now: Date): Promise<ContactRow | undefined> {
  const link = await tx
    .updateTable("contact_verifications")
    .set({ used_at: now })
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .returning("contact_id")
    .executeTakeFirst();
  if (!link) return undefined;
  return tx
    .updateTable("organisation_contacts")
    .set({ last_verified_at: now })
    .where("id", "=", link.contact_id)
    .returningAll()
    .executeTakeFirst();
}
