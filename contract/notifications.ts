import { z } from "zod";
import { NotificationInterval, OrganisationRef } from "./constituency.js";
import { PageOf } from "./page.js";

// Notifications to the owners of feed events (api-v1.md "Security-event feeds"): a digest per
// organisation and interval, its deliveries (the outbox's status, bounces), the owner's replies, the
// advice texts per classification, and the organisations Fyr cannot reach.

export const DeliveryStatus = z.enum(["queued", "sent", "kept", "failed", "bounced", "unreachable"]);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const NotificationDelivery = z.object({
  id: z.string(),
  status: DeliveryStatus,
  recipients: z.array(z.string()),
  encrypted: z.boolean(),
  signed: z.boolean(),
  error: z.string().nullable(),
  bounceReason: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  /** Who asked for it (a resend); null: Fyr's own pass. */
  requestedBy: z.string().nullable(),
});

export const NotificationSummary = z.object({
  id: z.string(),
  reference: z.string(),
  organisation: OrganisationRef,
  interval: NotificationInterval,
  language: z.enum(["sv", "en"]),
  subject: z.string(),
  events: z.number().int(),
  inhibited: z.number().int(),
  firstEventAt: z.string(),
  lastEventAt: z.string(),
  createdAt: z.string(),
  /** The latest delivery's status. */
  status: DeliveryStatus,
  recipients: z.array(z.string()),
});
export type NotificationSummary = z.infer<typeof NotificationSummary>;
export const NotificationPage = PageOf(NotificationSummary);
export type NotificationPage = z.infer<typeof NotificationPage>;

export const NotificationEventRow = z.object({
  timeSource: z.string(),
  classificationType: z.string(),
  classificationIdentifier: z.string().nullable(),
  sourceIp: z.string().nullable(),
  sourcePort: z.number().int().nullable(),
  feedName: z.string().nullable(),
});

export const NotificationReply = z.object({
  id: z.string(),
  from: z.string().nullable(),
  subject: z.string(),
  body: z.string(),
  receivedAt: z.string(),
});

export const NotificationDetail = NotificationSummary.extend({
  body: z.string(),
  deliveries: z.array(NotificationDelivery),
  eventList: z.array(NotificationEventRow),
  /** More events than listed (the list shows the first 500; the CSV holds them all). */
  moreEvents: z.number().int(),
  replies: z.array(NotificationReply),
});
export type NotificationDetail = z.infer<typeof NotificationDetail>;

export const NotificationListQuery = z.object({
  organisation: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;
export const NotificationParams = z.object({ id: z.uuid() });

/** What a pass sent: digests made and the organisations they went to. */
export const NotificationRunResult = z.object({
  notifications: z.number().int(),
  organisations: z.number().int(),
  /** Events dropped because an inhibition says not to tell their owner. */
  inhibited: z.number().int(),
  /** Digests that could not be made (their events wait for the next pass), and why (the first 20). */
  failed: z.number().int(),
  failures: z.array(z.object({ organisation: z.string(), error: z.string() })),
});
export type NotificationRunResult = z.infer<typeof NotificationRunResult>;

/** "Send now": an organisation's waiting events told at once, whatever its interval and the hour. */
export const SendNowInput = z.object({ organisation: z.uuid() }).strict();

export const AdviceKey = z.string().regex(/^(\*|[a-z0-9][a-z0-9._-]{0,99})$/, "a classification identifier, type or *");
export const AdviceText = z.object({
  key: z.string(),
  title: z.object({ sv: z.string(), en: z.string() }),
  body: z.object({ sv: z.string(), en: z.string() }),
  updatedAt: z.string(),
});
export type AdviceText = z.infer<typeof AdviceText>;
export const AdviceList = z.object({ items: z.array(AdviceText) });
export type AdviceList = z.infer<typeof AdviceList>;
const Title = z.string().trim().min(1).max(200);
const Body = z.string().trim().min(1).max(10_000);
export const AdviceInput = z
  .object({ title: z.object({ sv: Title, en: Title }).strict(), body: z.object({ sv: Body, en: Body }).strict() })
  .strict();
export type AdviceInput = z.infer<typeof AdviceInput>;
export const AdviceParams = z.object({ key: AdviceKey });

/** An organisation Fyr cannot reach: its failing addresses, or no abuse or security contact at all. */
export const UnreachableOrganisation = z.object({
  organisation: OrganisationRef,
  failing: z.array(z.object({ address: z.string(), reason: z.string(), failedAt: z.string() })),
  /** The latest digest that could not be delivered, if any. */
  lastNotification: z.string().nullable(),
});
export const UnreachableList = z.object({ items: z.array(UnreachableOrganisation) });
export type UnreachableList = z.infer<typeof UnreachableList>;
export const FailingAddressParams = z.object({ address: z.email() });
