import { z } from "zod";
import { PageOf } from "./page.js";

// OSINT sources (issue 16): RSS 2.0 and Atom feeds of vendors and other CERTs, polled into an inbox of
// news items an analyst reads, dismisses or turns into an advisory draft or a weekly-letter item.

export const OsintSourceCreate = z
  .object({
    name: z.string().trim().min(1).max(200),
    url: z.url({ protocol: /^https?$/ }).max(2000),
  })
  .strict();
export type OsintSourceCreate = z.infer<typeof OsintSourceCreate>;

export const OsintSourcePatch = z
  .object({ name: z.string().trim().min(1).max(200).optional(), enabled: z.boolean().optional() })
  .strict();
export type OsintSourcePatch = z.infer<typeof OsintSourcePatch>;

export const OsintSource = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  enabled: z.boolean(),
  health: z.object({
    lastFetchAt: z.string().nullable(),
    lastSuccessAt: z.string().nullable(),
    /** Why the last fetch failed; null when it worked (or none ran yet). */
    lastError: z.string().nullable(),
    items: z.number().int(),
  }),
  createdAt: z.string(),
});
export type OsintSource = z.infer<typeof OsintSource>;
export const OsintSourceList = z.object({ items: z.array(OsintSource) });
export type OsintSourceList = z.infer<typeof OsintSourceList>;

export const OsintItemStatus = z.enum(["new", "read", "dismissed"]);
export type OsintItemStatus = z.infer<typeof OsintItemStatus>;
export const OsintUse = z.enum(["advisory-draft", "weekly-letter"]);
export type OsintUse = z.infer<typeof OsintUse>;

export const OsintItem = z.object({
  id: z.string(),
  source: z.object({ id: z.string(), name: z.string() }),
  title: z.string(),
  link: z.string().nullable(),
  summary: z.string(),
  publishedAt: z.string().nullable(),
  fetchedAt: z.string(),
  status: OsintItemStatus,
  /** What an analyst turned it into; the advisories feature prefills a draft from the item. */
  usedFor: OsintUse.nullable(),
  usedAt: z.string().nullable(),
  /** CVE ids named in the title or summary. */
  cves: z.array(z.string()),
});
export type OsintItem = z.infer<typeof OsintItem>;
export const OsintItemPage = PageOf(OsintItem);
export type OsintItemPage = z.infer<typeof OsintItemPage>;

export const OsintItemQuery = z.object({
  /** Default: the inbox (new and read); `dismissed` lists what was put away. */
  status: z.enum(["inbox", "new", "read", "dismissed", "all"]).default("inbox"),
  source: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type OsintItemQuery = z.infer<typeof OsintItemQuery>;

export const OsintItemUpdate = z.object({ status: OsintItemStatus }).strict();
export const OsintItemUseBody = z.object({ for: OsintUse }).strict();
/** POST …/use: the item, and the advisory draft it went into (a new draft, or the weekly letter being written). */
export const OsintItemUsed = OsintItem.extend({ advisory: z.object({ id: z.string(), trackingId: z.string() }) });
export type OsintItemUsed = z.infer<typeof OsintItemUsed>;
export const OsintParams = z.object({ id: z.uuid() });
