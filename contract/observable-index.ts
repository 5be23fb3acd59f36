import { z } from "zod";
import { ObservableTag, ObservableType } from "./observables.js";
import { PageOf } from "./page.js";
import { TagNames, TagText } from "./observable-tags.js";
import { DayOrInstant } from "./search.js";

// The observables index (GET /api/v1/observables/index): every value seen in a case the viewer may see,
// by view. Counts and dates come from those cases alone (platform/tlp.ts): a value only hidden cases
// hold is not listed at all.

/**
 * recent: last seen first. most-seen: in the most cases first. malicious: judged malicious, last seen
 * first. common: in more cases than the common threshold (they no longer link cases), most cases first.
 */
export const IndexView = z.enum(["recent", "most-seen", "malicious", "common"]);
export type IndexView = z.infer<typeof IndexView>;

export const ObservableIndexQuery = z.object({
  view: IndexView.default("recent"),
  type: ObservableType.optional(),
  /** Only values carrying this tag (a free tag or a machine tag, as stored). */
  tag: TagText.optional(),
  /** Only values last seen at or after this (a date: from the start of that day). */
  from: DayOrInstant.optional(),
  /** Only values last seen before this (a date: up to the end of that day): "not seen since". */
  to: DayOrInstant.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});
export type ObservableIndexQuery = z.infer<typeof ObservableIndexQuery>;

export const ObservableIndexItem = z.object({
  id: z.string(),
  type: ObservableType,
  value: z.string(),
  /** The analysts' verdict, as the viewer may see it. */
  verdict: ObservableTag.nullable(),
  tags: TagNames,
  /** Cases (reports and incidents) the viewer may see that hold it. */
  caseCount: z.number().int(),
  /** In more than `commonThreshold` such cases: it no longer links cases. */
  common: z.boolean(),
  firstSeen: z.string(),
  lastSeen: z.string(),
});
export type ObservableIndexItem = z.infer<typeof ObservableIndexItem>;

export const ObservableIndexPage = PageOf(ObservableIndexItem).extend({ commonThreshold: z.number().int() });
export type ObservableIndexPage = z.infer<typeof ObservableIndexPage>;
