import { z } from "zod";
import { TlpLabel } from "./intake.js";
import { CaseKind, ObservableTag, ObservableType, TypedValue, WarningListRef } from "./observables.js";
import { TagNames } from "./observable-tags.js";

// Bulk lookup (POST /api/v1/observables/lookup): paste a blocklist or a mail's headers, and see which of
// its values Fyr has seen, where and when. The text is read by the extractor, as a report's is. A value
// held only by cases the viewer may not see is "not seen", like one never stored.

/** At most this many distinct values per lookup; more is a 413. */
export const BULK_LOOKUP_MAX_VALUES = 10_000;
/** At most this many characters of text (about 2 MB); the body limit of the route follows it. */
export const BULK_LOOKUP_MAX_CHARS = 2_000_000;
/** Each value seen lists this many of its cases, the newest first. */
export const BULK_LOOKUP_CASES_SHOWN = 5;

export const BulkLookupInput = z.object({ text: z.string().max(BULK_LOOKUP_MAX_CHARS) });
export type BulkLookupInput = z.infer<typeof BulkLookupInput>;

/** A case a value was seen in, as a list of values shows it. */
export const SeenInCase = z.object({
  kind: CaseKind,
  reference: z.string(),
  title: z.string(),
  tlp: TlpLabel,
  /** Incidents: their status; reports: new | acknowledged | linked | rejected. */
  status: z.string(),
  lastSeen: z.string(),
});
export type SeenInCase = z.infer<typeof SeenInCase>;

/** A value Fyr has seen: its verdict and tags, how many cases, when, and the newest few of those cases. */
export const SeenValue = z.object({
  id: z.string(),
  type: ObservableType,
  value: z.string(),
  verdict: ObservableTag.nullable(),
  tags: TagNames,
  warningLists: z.array(WarningListRef),
  caseCount: z.number().int(),
  common: z.boolean(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  /** The newest cases holding it, by when each was opened (at most 5; `caseCount` counts them all). */
  cases: z.array(SeenInCase),
});
export type SeenValue = z.infer<typeof SeenValue>;

export const BulkLookupResult = z.object({
  /** Distinct values read from the text. */
  extracted: z.number().int(),
  /** Those Fyr has seen, in the order the text names them. */
  seen: z.array(SeenValue),
  /** The rest, in the order the text names them. */
  unseen: z.array(TypedValue),
  commonThreshold: z.number().int(),
});
export type BulkLookupResult = z.infer<typeof BulkLookupResult>;
