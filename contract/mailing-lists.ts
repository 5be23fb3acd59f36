import { z } from "zod";
import { ContactRole } from "./constituency.js";
import { PageOf } from "./page.js";

// E-mail lists (issue 16; api-v1.md "Vulnerabilities and advisories"): the advisories, flash alerts and
// weekly letter, and later forums' lists (issue 17). Lists are data; their ids are the stable names.

export const ListLanguage = z.enum(["sv", "en"]);
export type ListLanguage = z.infer<typeof ListLanguage>;

/** A list's id: `advisories`, `flash`, `weekly`, or one added later. */
export const ListId = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, "not a list name");

/** POST /api/public/v1/subscriptions: double opt-in; the answer is the same whatever the address. */
export const SubscriptionRequest = z
  .object({
    email: z.email().max(254),
    lists: z.array(ListId).min(1).max(20),
    language: ListLanguage.default("sv"),
  })
  .strict();
export type SubscriptionRequest = z.infer<typeof SubscriptionRequest>;

export const SubscriptionAccepted = z.object({
  /** Always "confirmation_sent": whether the address was known is never said. */
  status: z.literal("confirmation_sent"),
});

/** The public lists, for a subscription form. */
export const PublicList = z.object({
  id: z.string(),
  name: z.object({ sv: z.string(), en: z.string() }),
  description: z.object({ sv: z.string(), en: z.string() }),
});
export type PublicList = z.infer<typeof PublicList>;
export const PublicListList = z.object({ items: z.array(PublicList) });
export type PublicListList = z.infer<typeof PublicListList>;

/** A list as staff see it. */
export const MailingList = PublicList.extend({
  public: z.boolean(),
  /** Confirmed addresses on the list. */
  subscribers: z.number().int(),
  /** Organisations whose contacts are on the list. */
  organisations: z.number().int(),
});
export type MailingList = z.infer<typeof MailingList>;
export const MailingListList = z.object({ items: z.array(MailingList) });
export type MailingListList = z.infer<typeof MailingListList>;

export const ListParams = z.object({ list: ListId });

export const Subscriber = z.object({
  id: z.string(),
  email: z.string(),
  language: ListLanguage,
  confirmedAt: z.string(),
  subscribedAt: z.string(),
});
export type Subscriber = z.infer<typeof Subscriber>;
export const SubscriberList = PageOf(Subscriber);
export type SubscriberList = z.infer<typeof SubscriberList>;
export const SubscriberQuery = z.object({
  /** Part of the address. */
  q: z.string().max(254).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type SubscriberQuery = z.infer<typeof SubscriberQuery>;
export const SubscriberParams = z.object({ list: ListId, id: z.uuid() });

/** An organisation's contacts on a list (PUT body). */
export const OrganisationSubscriptionInput = z
  .object({ roles: z.array(ContactRole).min(1).max(5).default(["security"]) })
  .strict();
export type OrganisationSubscriptionInput = z.infer<typeof OrganisationSubscriptionInput>;
export const OrganisationSubscription = z.object({
  list: z.string(),
  organisation: z.object({ id: z.string(), name: z.string() }),
  roles: z.array(ContactRole),
  createdAt: z.string(),
});
export type OrganisationSubscription = z.infer<typeof OrganisationSubscription>;
export const OrganisationSubscriptionList = z.object({ items: z.array(OrganisationSubscription) });
export const OrganisationSubscriptionParams = z.object({ list: ListId, organisationId: z.uuid() });

/** GET /api/v1/my/lists: each list, and whether the member's organisation is on it. */
export const MyList = PublicList.extend({ subscribed: z.boolean(), roles: z.array(ContactRole) });
export type MyList = z.infer<typeof MyList>;
export const MyListList = z.object({ items: z.array(MyList) });

export const CampaignStatus = z.enum(["sending", "paused", "done"]);
export const Campaign = z.object({
  id: z.string(),
  list: z.string(),
  sourceRef: z.string().nullable(),
  subject: z.string(),
  status: CampaignStatus,
  signed: z.boolean(),
  sendAfter: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Progress: every recipient is in exactly one of sent, failed, remaining. */
  recipients: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  remaining: z.number().int(),
});
export type Campaign = z.infer<typeof Campaign>;
export const CampaignList = PageOf(Campaign);
export type CampaignList = z.infer<typeof CampaignList>;
export const CampaignQuery = z.object({
  list: ListId.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type CampaignQuery = z.infer<typeof CampaignQuery>;
export const CampaignParams = z.object({ id: z.uuid() });
