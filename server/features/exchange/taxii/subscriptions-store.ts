import { type Insertable, type Selectable, sql } from "kysely";
import type { Db } from "../../../platform/db/connect.js";
import type { TaxiiSubscriptionsTable } from "../../../platform/db/tables/exchange.js";

// SQL only: partner collections Fyr pulls, and what they brought.

export type SubscriptionRow = Selectable<TaxiiSubscriptionsTable>;

export async function insertSubscription(db: Db, row: Insertable<TaxiiSubscriptionsTable>): Promise<void> {
  await db.insertInto("taxii_subscriptions").values(row).execute();
}

export async function selectSubscription(db: Db, id: string): Promise<SubscriptionRow | undefined> {
  return db.selectFrom("taxii_subscriptions").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function selectSubscriptions(db: Db): Promise<(SubscriptionRow & { objects: number; values: number })[]> {
  return db
    .selectFrom("taxii_subscriptions as s")
    .selectAll("s")
    .select((eb) => [
      eb
        .selectFrom("taxii_received_objects as o")
        .whereRef("o.subscription_id", "=", "s.id")
        .select(eb.fn.countAll<number>().as("n"))
        .as("objects"),
      eb
        .selectFrom("taxii_received_values as v")
        .whereRef("v.subscription_id", "=", "s.id")
        .select(eb.fn.countAll<number>().as("n"))
        .as("values"),
    ])
    .orderBy("s.created_at")
    .execute() as Promise<(SubscriptionRow & { objects: number; values: number })[]>;
}

/**
 * Claims a due subscription for one pull: moves its next pull on, only if no other node did first.
 * The ids claimed.
 */
export async function claimDue(db: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    update taxii_subscriptions s set next_pull_at = ${now}::timestamptz + make_interval(secs => s.interval_seconds)
    where s.id in (select id from taxii_subscriptions where enabled and next_pull_at <= ${now} order by next_pull_at limit ${limit})
      and s.next_pull_at <= ${now}
    returning s.id`.execute(db);
  return rows.rows.map((r) => r.id);
}

export async function recordPull(
  db: Db,
  id: string,
  at: Date,
  outcome: { addedAfter: string | null; error: string | null },
): Promise<void> {
  await db
    .updateTable("taxii_subscriptions")
    .set({
      last_pulled_at: at,
      last_error: outcome.error,
      ...(outcome.addedAfter !== null ? { added_after: outcome.addedAfter } : {}),
    })
    .where("id", "=", id)
    .execute();
}

export interface ReceivedObject {
  object_id: string;
  version: string;
  type: string;
  date_added: Date | null;
  body: Record<string, unknown>;
}

/** Stores received object versions once; how many were new. */
export async function insertReceived(
  db: Db,
  subscriptionId: string,
  at: Date,
  objects: readonly ReceivedObject[],
): Promise<number> {
  if (objects.length === 0) return 0;
  const res = await db
    .insertInto("taxii_received_objects")
    .values(
      objects.map((o) => ({ ...o, subscription_id: subscriptionId, received_at: at, body: JSON.stringify(o.body) })),
    )
    .onConflict((oc) => oc.columns(["subscription_id", "object_id", "version"]).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0);
}

/** Records the values received: new ones added, known ones seen again. */
export async function upsertReceivedValues(
  db: Db,
  subscriptionId: string,
  at: Date,
  values: readonly { type: string; value: string; object_id: string }[],
): Promise<void> {
  if (values.length === 0) return;
  await db
    .insertInto("taxii_received_values")
    .values(values.map((v) => ({ ...v, subscription_id: subscriptionId, first_seen: at, last_seen: at })))
    .onConflict((oc) => oc.columns(["subscription_id", "type", "value"]).doUpdateSet({ last_seen: at }))
    .execute();
}

/** The values received, newest first (for a look at what a partner sent). */
export async function selectReceivedValues(db: Db, subscriptionId: string, limit: number) {
  return db
    .selectFrom("taxii_received_values")
    .select(["type", "value", "object_id", "first_seen", "last_seen"])
    .where("subscription_id", "=", subscriptionId)
    .orderBy("last_seen", "desc")
    .orderBy("type")
    .orderBy("value")
    .limit(limit)
    .execute();
}
