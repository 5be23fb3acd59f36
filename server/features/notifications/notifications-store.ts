import { type Insertable, type OperationNodeSource, type Selectable, sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type {
  NotificationDeliveriesTable,
  NotificationEventsTable,
  NotificationsTable,
} from "../../platform/db/tables/notifications.js";
import type { PageWindow } from "../../platform/keyset-page.js";

export type NotificationRow = Selectable<NotificationsTable>;
export type DeliveryRow = Selectable<NotificationDeliveriesTable> & {
  mail_status: string | null;
  mail_error: string | null;
  sent_at: Date | null;
  requested_by: string | null;
};

/** The inserts of a new digest and its events (to join a WriteBatch with its mail and audit entry). */
export function notificationWrites(
  db: Db,
  row: Insertable<NotificationsTable> & { id: string },
  events: readonly Omit<Insertable<NotificationEventsTable>, "notification_id">[],
): OperationNodeSource[] {
  const writes: OperationNodeSource[] = [db.insertInto("notifications").values(row)];
  for (let i = 0; i < events.length; i += 5_000)
    writes.push(
      db
        .insertInto("notification_events")
        .values(events.slice(i, i + 5_000).map((e) => ({ ...e, notification_id: row.id }))),
    );
  return writes;
}

/** The insert of one delivery (to join a WriteBatch). */
export function deliveryWrite(db: Db, row: Insertable<NotificationDeliveriesTable>): OperationNodeSource {
  return db.insertInto("notification_deliveries").values(row);
}

/** A digest and its organisation's name. */
export async function selectNotification(
  db: Db,
  id: string,
): Promise<(NotificationRow & { organisation_name: string | null }) | undefined> {
  return db
    .selectFrom("notifications as n")
    .leftJoin("organisations as o", "o.id", "n.organisation_id")
    .selectAll("n")
    .select("o.name as organisation_name")
    .where("n.id", "=", id)
    .executeTakeFirst();
}

export type ListedNotification = Omit<NotificationRow, "body" | "csv"> & {
  organisation_name: string | null;
  delivery_status: string | null;
  bounced: boolean | null;
  recipients: string[] | null;
};

const LISTED = [
  "n.id",
  "n.reference",
  "n.organisation_id",
  "n.interval",
  "n.language",
  "n.subject",
  "n.event_count",
  "n.inhibited_count",
  "n.first_event_at",
  "n.last_event_at",
  "n.created_by",
  "n.created_at",
] as const;

/** A page of digests, newest first, each with its latest delivery's status. */
export async function selectNotificationPage(
  db: Db,
  filter: { organisationId?: string | undefined },
  window: PageWindow<{ at: string; id: string }>,
): Promise<ListedNotification[]> {
  let q = db
    .selectFrom("notifications as n")
    .leftJoin("organisations as o", "o.id", "n.organisation_id")
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("notification_deliveries as d")
          .leftJoin("mail_messages as m", "m.id", "d.outbox_id")
          .select(["m.status as delivery_status", "d.recipients", sql<boolean>`d.bounced_at is not null`.as("bounced")])
          .whereRef("d.notification_id", "=", "n.id")
          .orderBy("d.created_at", "desc")
          .limit(1)
          .as("last"),
      (join) => join.onTrue(),
    )
    .select(LISTED)
    .select(["o.name as organisation_name", "last.delivery_status", "last.bounced", "last.recipients"])
    .orderBy("n.created_at", "desc")
    .orderBy("n.id", "desc")
    .limit(window.limit);
  if (filter.organisationId !== undefined) q = q.where("n.organisation_id", "=", filter.organisationId);
  const after = window.after;
  if (after !== undefined)
    q = q.where(sql<boolean>`(n.created_at, n.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  return q.execute();
}

/** A digest's deliveries, newest first, with the outbox's status. */
export async function selectDeliveries(db: Db, notificationId: string): Promise<DeliveryRow[]> {
  return db
    .selectFrom("notification_deliveries as d")
    .leftJoin("mail_messages as m", "m.id", "d.outbox_id")
    .leftJoin("users as u", "u.id", "d.created_by")
    .selectAll("d")
    .select(["m.status as mail_status", "m.error as mail_error", "m.sent_at", "u.name as requested_by"])
    .where("d.notification_id", "=", notificationId)
    .orderBy("d.created_at", "desc")
    .execute();
}

/** The first `limit` events of a digest (those retention has not dropped), and how many it has in all. */
export async function selectNotificationEvents(db: Db, notificationId: string, limit: number) {
  const rows = await db
    .selectFrom("notification_events as ne")
    .innerJoin("feed_events as e", (j) =>
      j.onRef("e.time_source", "=", "ne.event_time").onRef("e.id", "=", "ne.event_id"),
    )
    .select([
      "e.time_source",
      "e.classification_type",
      "e.classification_identifier",
      sql<string | null>`host(e.source_ip)`.as("source_ip"),
      "e.source_port",
      sql<string | null>`e.fields->>'feed.name'`.as("feed_name"),
    ])
    .where("ne.notification_id", "=", notificationId)
    .orderBy("ne.event_time")
    .orderBy("ne.event_id")
    .limit(limit)
    .execute();
  return rows;
}

/** The owner's replies to a digest, oldest first. */
export async function selectReplies(db: Db, notificationId: string) {
  return db
    .selectFrom("notification_replies")
    .selectAll()
    .where("notification_id", "=", notificationId)
    .orderBy("received_at")
    .execute();
}

/** The digest (and delivery) an outbox message of ours carried, by outbox id. */
export async function selectDeliveryByOutbox(
  db: Db,
  outboxIds: readonly string[],
): Promise<{ delivery_id: string; notification_id: string; organisation_id: string; reference: string } | undefined> {
  if (outboxIds.length === 0) return undefined;
  return db
    .selectFrom("notification_deliveries as d")
    .innerJoin("notifications as n", "n.id", "d.notification_id")
    .select(["d.id as delivery_id", "n.id as notification_id", "n.organisation_id", "n.reference"])
    .where("d.outbox_id", "in", outboxIds)
    .orderBy("d.created_at", "desc")
    .executeTakeFirst();
}
