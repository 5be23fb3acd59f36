import { z } from "zod";
import type { ObservableIndexPage, ObservableIndexQuery } from "../../../contract/observable-index.js";
import { canonicalTag } from "../../../contract/observable-tags.js";
import type { Config } from "../../platform/config.js";
import type { ServiceContext } from "../../platform/deps.js";
import { invalid } from "../../platform/errors.js";
import { keyset, readKeysetPage } from "../../platform/keyset-page.js";
import { timeBound } from "../../platform/time-bound.js";
import { selectIndexPage } from "./index-store.js";
import { assertMayReadObservables } from "./policy.js";
import { selectTagNames } from "./tags-store.js";

export type IndexContext = ServiceContext & { config: Pick<Config, "timeZone" | "correlationCommonCases"> };

const AT = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
const ID = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** The last row's last seen and id; in the views by count also its case count. */
const INDEX_KEYS = keyset(z.object({ cases: z.number().int().min(0).optional(), at: AT, id: ID }).strict());

/**
 * The observables index: the values seen in cases the actor may see, by view (recent, most seen,
 * malicious, common), narrowed by type, tag and time, one keyset page; counts and dates from those
 * cases alone, verdicts and tags as the actor may see them.
 */
export async function listObservableIndex(
  ctx: IndexContext,
  query: ObservableIndexQuery,
): Promise<ObservableIndexPage> {
  assertMayReadObservables(ctx.actor);
  const threshold = ctx.config.correlationCommonCases;
  // A tag as typed finds the stored one (`TLP:AMBER` → `tlp:amber`); one that cannot be stored matches nothing.
  const read = query.tag === undefined ? undefined : canonicalTag(query.tag);
  if (read !== undefined && !("tag" in read)) return { items: [], nextCursor: null, commonThreshold: threshold };
  const tag = read?.tag;
  const byCount = query.view === "most-seen" || query.view === "common";
  const { rows, nextCursor } = await readKeysetPage(
    query,
    INDEX_KEYS,
    ({ after, limit }) => {
      if (after !== undefined && byCount !== (after.cases !== undefined))
        throw invalid("invalid_cursor", "The cursor is not one this view gave out");
      return selectIndexPage(ctx.db, ctx.actor, {
        view: query.view,
        ...(query.type !== undefined ? { type: query.type } : {}),
        ...(tag !== undefined ? { tag } : {}),
        from: timeBound(query.from),
        to: timeBound(query.to),
        timeZone: ctx.config.timeZone,
        threshold,
        after,
        limit,
      });
    },
    (row) => (byCount ? { cases: row.cases, at: row.last_text, id: row.id } : { at: row.last_text, id: row.id }),
  );
  const tags = await selectTagNames(
    ctx.db,
    ctx.actor,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      type: r.type,
      value: r.value,
      verdict: r.verdict,
      tags: tags.get(r.id) ?? [],
      caseCount: r.cases,
      common: r.cases > threshold,
      firstSeen: r.first_seen.toISOString(),
      lastSeen: r.last_seen.toISOString(),
    })),
    nextCursor,
    commonThreshold: threshold,
  };
}
