import { z } from "zod";
import type {
  DeliveryStatus,
  NotificationDetail,
  NotificationListQuery,
  NotificationPage,
  NotificationSummary,
  UnreachableList,
} from "../../../contract/notifications.js";
import type { ServiceContext } from "../../platform/deps.js";
import { notFound } from "../../platform/errors.js";
import { keyset, readKeysetPage } from "../../platform/keyset-page.js";
import { selectUnreachable } from "./delivery-store.js";
import {
  type DeliveryRow,
  type ListedNotification,
  type NotificationRow,
  selectDeliveries,
  selectNotification,
  selectNotificationEvents,
  selectNotificationPage,
  selectReplies,
} from "./notifications-store.js";

// Reading notifications (staff who read cases): the list with delivery status, one digest with its
// events, deliveries and replies, and the organisations Fyr cannot reach.

const pageKeys = keyset(z.object({ at: z.iso.datetime(), id: z.uuid() }));
const EVENTS_SHOWN = 500;

/** A delivery's status: bounced beats the outbox's word; no outbox message is "unreachable". */
function statusOf(outboxStatus: string | null, bounced: boolean, hasOutbox: boolean): DeliveryStatus {
  if (bounced) return "bounced";
  if (!hasOutbox) return "unreachable";
  const parsed = z.enum(["queued", "sent", "kept", "failed"]).safeParse(outboxStatus);
  return parsed.success ? parsed.data : "queued";
}

function summary(
  row: Omit<NotificationRow, "body" | "csv"> & { organisation_name: string | null },
  last: { status: DeliveryStatus; recipients: string[] },
): NotificationSummary {
  return {
    id: row.id,
    reference: row.reference,
    organisation: { id: row.organisation_id, name: row.organisation_name ?? "" },
    interval: row.interval,
    language: row.language,
    subject: row.subject,
    events: row.event_count,
    inhibited: row.inhibited_count,
    firstEventAt: row.first_event_at.toISOString(),
    lastEventAt: row.last_event_at.toISOString(),
    createdAt: row.created_at.toISOString(),
    status: last.status,
    recipients: last.recipients,
  };
}

function listed(row: ListedNotification): NotificationSummary {
  const recipients = row.recipients ?? [];
  return summary(row, {
    status: statusOf(row.delivery_status, row.bounced === true, row.delivery_status !== null),
    recipients,
  });
}

/** Digests, newest first (of one organisation with `organisation`). */
export async function listNotifications(ctx: ServiceContext, query: NotificationListQuery): Promise<NotificationPage> {
  const page = await readKeysetPage(
    query,
    pageKeys,
    (w) => selectNotificationPage(ctx.db, { organisationId: query.organisation }, w),
    (r) => ({ at: r.created_at.toISOString(), id: r.id }),
  );
  return { items: page.rows.map(listed), nextCursor: page.nextCursor };
}

function presentDelivery(d: DeliveryRow) {
  return {
    id: d.id,
    status: statusOf(d.mail_status, d.bounced_at !== null, d.outbox_id !== null),
    recipients: d.recipients,
    encrypted: d.encrypted,
    signed: d.signed,
    error: d.mail_error,
    bounceReason: d.bounce_reason,
    createdAt: d.created_at.toISOString(),
    sentAt: d.sent_at?.toISOString() ?? null,
    requestedBy: d.requested_by,
  };
}

/** One digest: what it said, its events (the first 500), deliveries and the owner's replies. */
export async function getNotification(ctx: ServiceContext, id: string): Promise<NotificationDetail> {
  const row = await selectNotification(ctx.db, id);
  if (!row) throw notFound("notification_not_found", "No notification with this id");
  const [deliveries, events, replies] = await Promise.all([
    selectDeliveries(ctx.db, id),
    selectNotificationEvents(ctx.db, id, EVENTS_SHOWN),
    selectReplies(ctx.db, id),
  ]);
  const shown = deliveries.map(presentDelivery);
  return {
    ...summary(row, { status: shown[0]?.status ?? "unreachable", recipients: shown[0]?.recipients ?? [] }),
    body: row.body,
    deliveries: shown,
    eventList: events.map((e) => ({
      timeSource: e.time_source.toISOString(),
      classificationType: e.classification_type,
      classificationIdentifier: e.classification_identifier,
      sourceIp: e.source_ip,
      sourcePort: e.source_port,
      feedName: e.feed_name,
    })),
    moreEvents: Math.max(0, row.event_count - events.length),
    replies: replies.map((r) => ({
      id: r.id,
      from: r.from_address,
      subject: r.subject,
      body: r.body,
      receivedAt: r.received_at.toISOString(),
    })),
  };
}

/** Organisations Fyr cannot reach: failing addresses, or a latest digest that reached nobody. */
export async function listUnreachable(ctx: ServiceContext): Promise<UnreachableList> {
  const { failing, undelivered } = await selectUnreachable(ctx.db);
  const byOrg = new Map<string, UnreachableList["items"][number]>();
  const entry = (id: string, name: string | null) => {
    let e = byOrg.get(id);
    if (!e) byOrg.set(id, (e = { organisation: { id, name: name ?? "" }, failing: [], lastNotification: null }));
    return e;
  };
  for (const f of failing)
    entry(f.organisation_id, f.name).failing.push({
      address: f.address,
      reason: f.reason,
      failedAt: f.failed_at.toISOString(),
    });
  for (const u of undelivered) entry(u.organisation_id, u.name).lastNotification = u.reference;
  return { items: [...byOrg.values()].sort((a, b) => a.organisation.name.localeCompare(b.organisation.name, "sv")) };
}
