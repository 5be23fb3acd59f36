import { z } from "zod";
import { SearchKind, type SearchPage, type SearchQuery, type SnippetSegment } from "../../../contract/search.js";
import type { Config } from "../../platform/config.js";
import type { ServiceContext } from "../../platform/deps.js";
import { forbidden, invalid } from "../../platform/errors.js";
import { keyset, readKeysetPage } from "../../platform/keyset-page.js";
import { timeBound } from "../../platform/time-bound.js";
import { readsCases } from "../../platform/tlp.js";
import { findValues, readValueQuery } from "../observables/find-values.js";
import { type HitRow, LT_STAND_IN, START_MARK, STOP_MARK, queryLexemeCount, searchHits } from "./store.js";

/** The last hit of a page: its rank and time exactly as PostgreSQL printed them, and its id. */
const SEARCH_KEYS = keyset(
  z
    .object({
      rank: z.string().regex(/^\d+(\.\d+)?(e-?\d+)?$/),
      at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
      id: z.uuid(),
    })
    .strict(),
);

export type SearchContext = ServiceContext & {
  config: Pick<Config, "timeZone" | "publicUrl" | "mailFrom" | "correlationCommonCases">;
};

/** Splits a ts_headline answer at its markers into plain-text runs, matched or not. */
export function snippetSegments(headline: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let match = false;
  let text = "";
  const flush = () => {
    if (text !== "") segments.push({ text: text.replaceAll(LT_STAND_IN, "<"), match });
    text = "";
  };
  for (const ch of headline) {
    if (ch === START_MARK || ch === STOP_MARK) {
      flush();
      match = ch === START_MARK;
    } else text += ch;
  }
  flush();
  return segments;
}

/** The headline that marked more words: the Swedish stems or the English ones found the hit. */
function bestSnippet(row: HitRow): SnippetSegment[] {
  const marks = (s: string) => s.split(START_MARK).length - 1;
  return snippetSegments(marks(row.headline_en) > marks(row.headline_sv) ? row.headline_en : row.headline_sv);
}

/**
 * Full-text search over what the actor may see (TLP): reports, incidents, notes and messages, best
 * first, one keyset page, each hit with a highlighted snippet as plain-text segments. A query that is a
 * value (an address, hash, `*.example.se`, a network) also finds the stored values, on its first page,
 * through the observables' own search (itself through the TLP policy).
 */
export async function search(ctx: SearchContext, query: SearchQuery): Promise<SearchPage> {
  const actor = ctx.actor;
  if (actor.kind !== "user" || !readsCases(actor)) throw forbidden();
  const q = query.q.trim();
  const valueQuery = readValueQuery(q);
  const lexemes = q === "" ? 0 : await queryLexemeCount(ctx.db, q);
  if (lexemes === 0 && valueQuery === null)
    throw invalid("search_query_empty", "Give at least one word to search for", [
      { path: "querystring.q", message: "No searchable words (empty or only stop words)", code: "required" },
    ]);
  const [text, found] = await Promise.all([
    lexemes > 0 ? searchText(ctx, query, q) : { rows: [], nextCursor: null },
    valueQuery !== null && (query.cursor ?? "") === "" ? findValues(ctx, valueQuery) : undefined,
  ]);
  return {
    nextCursor: text.nextCursor,
    items: text.rows.map((row) => ({
      kind: row.kind,
      id: row.id,
      reference: row.reference,
      ...(row.incident_reference !== null ? { incidentReference: row.incident_reference } : {}),
      title: row.title,
      snippet: bestSnippet(row),
      occurredAt: row.occurred_at.toISOString(),
      rank: Number(row.rank_text),
    })),
    ...(found !== undefined ? { values: found.values, moreValues: found.more } : {}),
  };
}

/** One page of text hits. */
function searchText(ctx: SearchContext, query: SearchQuery, q: string) {
  const actor = ctx.actor;
  return readKeysetPage(
    query,
    SEARCH_KEYS,
    ({ after, limit }) =>
      searchHits(ctx.db, actor, {
        q,
        kinds: query.kinds && query.kinds.length > 0 ? query.kinds : SearchKind.options,
        from: timeBound(query.from),
        to: timeBound(query.to),
        timeZone: ctx.config.timeZone,
        after,
        limit,
      }),
    (row: HitRow) => ({ rank: row.rank_text, at: row.at_text, id: row.id }),
  );
}
