import { z } from "zod";
import { SeenValue } from "./observable-lookup.js";
import { PageOf } from "./page.js";

// Full-text search across reports, incidents, notes and messages (GET /api/v1/search).

export const SearchKind = z.enum(["report", "incident", "note", "message"]);
export type SearchKind = z.infer<typeof SearchKind>;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").filter((s) => s.length > 0) : v), z.array(item).max(4));

/** A day (in the CERT's time zone: the whole day) or an instant. */
export const DayOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const SearchQuery = z.object({
  /** Words, "a phrase", -excluded, or: websearch syntax. Empty or only stop words is a 400. */
  q: z.string().max(200).default(""),
  kinds: csv(SearchKind).optional(),
  /** Hits that happened at or after this (a date: from the start of that day). */
  from: DayOrInstant.optional(),
  /** Hits that happened before this (a date: up to the end of that day). */
  to: DayOrInstant.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(300).optional(),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/** A run of a snippet: plain text, and whether it matched the query. Never HTML. */
export const SnippetSegment = z.object({ text: z.string(), match: z.boolean() });
export type SnippetSegment = z.infer<typeof SnippetSegment>;

export const SearchHit = z.object({
  kind: SearchKind,
  /** The row's id (a note's or message's id lets the console scroll to it). */
  id: z.string(),
  /** The report's reference for reports and reporters' messages; else the incident's. */
  reference: z.string(),
  /** The incident it belongs to (incidents, notes, messages on an incident). */
  incidentReference: z.string().optional(),
  title: z.string(),
  snippet: z.array(SnippetSegment),
  occurredAt: z.string(),
  rank: z.number(),
});
export type SearchHit = z.infer<typeof SearchHit>;

/**
 * Best first: ts_rank, then newest. Of a word found in very many rows, the newest 100 matches of each
 * kind are ranked (narrow with more words or from/to to reach further back); rarer words rank all.
 * When `q` is one value (an address, a hash, a domain; defanged is fine), `*.example.se` (the domain and
 * the names under it) or a network (`192.0.2.0/24`: the addresses and networks inside it), the first
 * page also has `values`: the stored values it finds in cases the caller may see, at most 50
 * (`moreValues` when there were more), each with where it was seen. Kinds and times apply to text only.
 */
export const SearchPage = PageOf(SearchHit).extend({
  values: z.array(SeenValue).optional(),
  moreValues: z.boolean().optional(),
});
export type SearchPage = z.infer<typeof SearchPage>;
