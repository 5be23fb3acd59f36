import { z } from "zod";

// "New since you looked" (server/platform/unread.ts): per staff user, through the TLP policy.

export const CaseKind = z.enum(["report", "incident"]);
export type CaseKind = z.infer<typeof CaseKind>;

export const CaseReferenceParams = z.object({ reference: z.string().min(1).max(40) });

/** PUT …/seen: when the caller had looked before (null: never), so the page can mark what is newer. */
export const SeenReceipt = z.object({ previousSeenAt: z.string().nullable(), seenAt: z.string() });
export type SeenReceipt = z.infer<typeof SeenReceipt>;

/**
 * GET /api/v1/unread: how many reports and incidents are new to the caller, and a stamp that changes
 * whenever something the caller's lists show changes (a report arrives or is acknowledged, a message is
 * written, an incident is edited) — the console polls it every few seconds and reloads its lists when
 * the stamp moves. Counted and stamped over what the caller may see.
 */
export const UnreadSummary = z.object({
  reports: z.number().int(),
  incidents: z.number().int(),
  stamp: z.string(),
});
export type UnreadSummary = z.infer<typeof UnreadSummary>;

/** A case with a reply the caller has not looked at, for the dashboard's "New replies". */
export const NewReply = z.object({
  kind: CaseKind,
  reference: z.string(),
  /** The incident's title, the report's summary (null: none given). */
  title: z.string().nullable(),
  repliedAt: z.string(),
});
export type NewReply = z.infer<typeof NewReply>;
