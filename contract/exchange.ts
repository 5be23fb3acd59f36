import { z } from "zod";

// Exchange (issue 17): exports of incidents to partners and the public, TAXII 2.1 and MISP.

/**
 * Who an export is for: `partner` (any partner CERT, at TLP:GREEN), `partner:<organisation id>` (one
 * partner, at its agreement's TLP and as a named recipient), `organisation:<id>` (one member
 * organisation), `public`. Default `partner`.
 */
export const ExportAudience = z.union([
  z.literal("partner"),
  z.literal("public"),
  z.string().regex(/^(partner|organisation):[0-9a-f-]{36}$/i),
]);
export type ExportAudience = z.infer<typeof ExportAudience>;

export const ExportQuery = z.object({ audience: ExportAudience.default("partner") });
export type ExportQuery = z.infer<typeof ExportQuery>;

/** What an export left out, by reason (the sharing decision's WithheldReason), sent as a header. */
export const WithheldSummary = z.object({
  values: z.record(z.string(), z.number().int()),
  notes: z.record(z.string(), z.number().int()),
});
export type WithheldSummary = z.infer<typeof WithheldSummary>;

// TAXII 2.1 administration (features/exchange/taxii): partners, collections and who may read and write
// them, incidents published into them, and partner collections Fyr pulls. Staff API, problem+json.

const CollectionTlp = z.enum(["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER"]);

/** `PUT /api/v1/exchange/partners/{organisationId}`: the organisation is a partner CERT, at this TLP. */
export const PartnerPut = z.object({ maxTlp: CollectionTlp.default("TLP:GREEN") });
export type PartnerPut = z.infer<typeof PartnerPut>;

/** `POST /api/v1/exchange/collections`. */
export const CollectionCreate = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().max(2000).default(""),
    audience: z.enum(["partner", "member-organisation", "forum", "coordination-case"]),
    /** The one partner or member organisation the collection is for (member-organisation: required). */
    organisationId: z.string().uuid().optional(),
    /** The forum or coordination case (audiences forum, coordination-case). */
    audienceId: z.string().uuid().optional(),
    maxTlp: CollectionTlp.default("TLP:GREEN"),
  })
  .refine((c) => c.audience !== "member-organisation" || c.organisationId !== undefined, {
    path: ["organisationId"],
    message: "a member organisation's collection names the organisation",
  });
export type CollectionCreate = z.infer<typeof CollectionCreate>;

export const Collection = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  audience: z.string(),
  organisationId: z.string().nullable(),
  audienceId: z.string().nullable(),
  maxTlp: z.string(),
  url: z.string(),
  grants: z.array(z.object({ organisationId: z.string(), canRead: z.boolean(), canWrite: z.boolean() })),
});
export type Collection = z.infer<typeof Collection>;

/** `PUT /api/v1/exchange/collections/{id}/access/{organisationId}`. */
export const CollectionAccessPut = z.object({ canRead: z.boolean(), canWrite: z.boolean() });
export type CollectionAccessPut = z.infer<typeof CollectionAccessPut>;

/** `POST /api/v1/exchange/collections/{id}/incidents`: the incident's STIX objects join the collection. */
export const CollectionPublish = z.object({ reference: z.string().regex(/^FYR-INC-\d{4}-\d{4,}$/) });
export type CollectionPublish = z.infer<typeof CollectionPublish>;

/** `POST /api/v1/exchange/subscriptions`: a partner's TAXII 2.1 collection Fyr pulls on a schedule. */
export const SubscriptionCreate = z
  .object({
    title: z.string().trim().min(1).max(200),
    /** The collection's URL: …/{api-root}/collections/{id}/ */
    collectionUrl: z
      .string()
      .url()
      .max(2000)
      .regex(/^https?:\/\/.+\/collections\/[^/]+\/$/),
    auth: z.enum(["bearer", "basic"]),
    username: z.string().min(1).max(320).optional(),
    secret: z.string().min(1).max(2000),
    organisationId: z.string().uuid().optional(),
    intervalMinutes: z.number().int().min(1).max(10_080).default(60),
  })
  .refine((s) => s.auth !== "basic" || s.username !== undefined, {
    path: ["username"],
    message: "Basic needs a user name",
  });
export type SubscriptionCreate = z.infer<typeof SubscriptionCreate>;

export const Subscription = z.object({
  id: z.string(),
  title: z.string(),
  collectionUrl: z.string(),
  auth: z.enum(["bearer", "basic"]),
  organisationId: z.string().nullable(),
  intervalMinutes: z.number(),
  addedAfter: z.string().nullable(),
  lastPulledAt: z.string().nullable(),
  nextPullAt: z.string(),
  lastError: z.string().nullable(),
  received: z.object({ objects: z.number(), values: z.number() }),
});
export type Subscription = z.infer<typeof Subscription>;

/** What one pull took. */
export const PullResult = z.object({
  pages: z.number(),
  objects: z.number(),
  values: z.number(),
  addedAfter: z.string().nullable(),
});
export type PullResult = z.infer<typeof PullResult>;
