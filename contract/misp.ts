import { z } from "zod";
import { TlpLabel } from "./intake.js";

// MISP exchange (issue 17): what an analyst uploads (a MISP event in MISP's core format), what the
// import answers, and the partner MISP feeds Fyr pulls on a schedule.

/** MISP writes numbers as strings and booleans as "0"/"1"; both are accepted. */
const MispBool = z.union([z.boolean(), z.enum(["0", "1"]), z.literal(0), z.literal(1)]);
const MispInt = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,12}$/)]);

export const MispTagInput = z.object({ name: z.string().min(1).max(255) });

export const MispAttributeInput = z.object({
  type: z.string().min(1).max(100),
  category: z.string().max(100).optional(),
  value: z.string().min(1).max(131_072),
  to_ids: MispBool.optional(),
  uuid: z.string().uuid().optional(),
  timestamp: MispInt.optional(),
  comment: z.string().max(65_535).optional(),
  Tag: z.array(MispTagInput).max(100).optional(),
});
export type MispAttributeInput = z.infer<typeof MispAttributeInput>;

/** One MISP event: `{ "Event": { … } }` as MISP's feeds and exports write it. */
export const MispEventInput = z.object({
  Event: z.object({
    uuid: z.string().uuid(),
    info: z.string().min(1).max(65_535),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    threat_level_id: MispInt.optional(),
    analysis: MispInt.optional(),
    distribution: MispInt.optional(),
    timestamp: MispInt.optional(),
    Tag: z.array(MispTagInput).max(100).optional(),
    Attribute: z.array(MispAttributeInput).max(100_000).optional(),
    Object: z
      .array(z.object({ name: z.string().max(255).optional(), Attribute: z.array(MispAttributeInput).max(10_000) }))
      .max(10_000)
      .optional(),
  }),
});
export type MispEventInput = z.infer<typeof MispEventInput>;

/** What an import did: the values it added to the incident, and what it could not take and why. */
export const MispImportResult = z.object({
  id: z.string().uuid(),
  incident: z.string(),
  eventUuid: z.string().uuid(),
  tlp: TlpLabel,
  attributes: z.number().int(),
  imported: z.number().int(),
  skipped: z.array(
    z.object({ path: z.string(), type: z.string(), reason: z.enum(["unsupported-type", "invalid-value"]) }),
  ),
});
export type MispImportResult = z.infer<typeof MispImportResult>;

/** A partner's MISP feed Fyr pulls (admin): its events go into one incident. */
export const MispFeedSourceCreate = z.object({
  name: z.string().trim().min(1).max(200),
  url: z
    .string()
    .url()
    .regex(/^https?:\/\//)
    .max(2000),
  incident: z.string().min(1).max(40),
  organisationId: z.string().uuid().optional(),
});
export type MispFeedSourceCreate = z.infer<typeof MispFeedSourceCreate>;

export const MispFeedSource = z.object({
  id: z.string().uuid(),
  name: z.string(),
  url: z.string(),
  incident: z.string(),
  organisationId: z.string().uuid().nullable(),
  enabled: z.boolean(),
  lastPulledAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type MispFeedSource = z.infer<typeof MispFeedSource>;
