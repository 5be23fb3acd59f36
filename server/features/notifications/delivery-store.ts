import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";

// Bounces, failing addresses and owners' replies.

/** Which of these addresses a hard bounce has marked failing. */
export async function selectFailingAddresses(db: Db, addresses: readonly string[]): Promise<Set<string>> {
  if (addresses.length === 0) return new Set();
  const rows = await db
    .selectFrom("notification_failing_addresses")
    .select("address")
    .where(
      "address",
      "in",
      addresses.map((a) => a.toLowerCase()),
    )
    .execute();
  return new Set(rows.map((r) => r.address));
}

/** Marks an address failing (the latest bounce's reason wins). */
export async function upsertFailingAddress(
  db: Db,
  row: { address: string; organisation_id: string; reason: string; notification_id: string; failed_at: Date },
): Promise<void> {
  await db
    .insertInto("notification_failing_addresses")
    .values({ ...row, address: row.address.toLowerCase() })
    .onConflict((oc) =>
      oc.column("address").doUpdateSet((eb) => ({
        reason: eb.ref("excluded.reason"),
        notification_id: eb.ref("excluded.notification_id"),
        failed_at: eb.ref("excluded.failed_at"),
        organisation_id: eb.ref("excluded.organisation_id"),
      })),
    )
    .execute();
}

/** Takes an address off the failing list; answers the row removed. */
export async function deleteFailingAddress(db: Db, address: string) {
  return db
    .deleteFrom("notification_failing_addresses")
    .where("address", "=", address.toLowerCase())
    .returning(["address", "organisation_id"])
    .executeTakeFirst();
}

/** Records a bounce on the delivery that carried the digest. */
export async function markDeliveryBounced(db: Db, deliveryId: string, reason: string, at: Date): Promise<void> {
  await db
    .updateTable("notification_deliveries")
    .set({ bounced_at: at, bounce_reason: reason })
    .where("id", "=", deliveryId)
    .execute();
}

/** Stores an owner's reply once per (digest, Message-ID); answers whether it was new. */
export async function insertReply(
  db: Db,
  row: {
    notification_id: string;
    from_address: string | null;
    subject: string;
    body: string;
    message_id: string;
    raw_sha256: string;
    received_at: Date;
  },
): Promise<boolean> {
  const inserted = await db
    .insertInto("notification_replies")
    .values(row)
    .onConflict((oc) => oc.columns(["notification_id", "message_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Organisations Fyr cannot reach: those with a failing address, and those whose latest digest found no
 * one to write to (a delivery without an outbox message).
 */
export async function selectUnreachable(db: Db) {
  const failing = await db
    .selectFrom("notification_failing_addresses as f")
    .leftJoin("organisations as o", "o.id", "f.organisation_id")
    .select(["f.organisation_id", "o.name", "f.address", "f.reason", "f.failed_at"])
    .orderBy("f.failed_at", "desc")
    .execute();
  const undelivered = await sql<{ organisation_id: string; name: string | null; reference: string }>`
    select distinct on (n.organisation_id) n.organisation_id, o.name, n.reference
    from notifications n
    join lateral (
      select d.outbox_id, d.bounced_at from notification_deliveries d
      where d.notification_id = n.id order by d.created_at desc limit 1
    ) last on true
    left join organisations o on o.id = n.organisation_id
    where last.outbox_id is null or last.bounced_at is not null
    order by n.organisation_id, n.created_at desc`.execute(db);
  return { failing, undelivered: undelivered.rows };
}
