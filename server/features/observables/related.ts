import {
  type CaseKind,
  type CorrelationStop,
  OBSERVABLE_TYPES,
  type ObservableType,
  type RelatedItem,
  type RelatedList,
  type RelatedQuery,
  type SharedValue,
  type TypedValue,
  correlates,
} from "../../../contract/observables.js";
import type { TlpLabel } from "../../../contract/intake.js";
import type { Config } from "../../platform/config.js";
import type { ServiceContext } from "../../platform/deps.js";
import { feedSightingsOf } from "../feeds/index.js";
import { resolveCase } from "./case-scope.js";
import {
  type CorrelationValueRow,
  rankRelatedCases,
  selectNetworkNeighbours,
  selectReportValuesToCorrelate,
  selectValuesToCorrelate,
} from "./related-store.js";
import { selectTagNames } from "./tags-store.js";
import { loadWarningMatcher } from "./warning-lists.js";
import type { WarningListHit } from "./warning-match.js";

export type ObservablesContext = ServiceContext & {
  config: Pick<Config, "publicUrl" | "mailFrom" | "correlationCommonCases">;
};

/** A case correlates on at most this many of its values (the large case has 1,000). */
export const MAX_CASE_VALUES = 5_000;
const ONGOING_MS = 30 * 24 * 3600 * 1000;
/** Addresses and networks looked at around each of the case's own (the CIDR toggle). */
const NETWORK_NEIGHBOURS = 50;
const SHARED_SHOWN = 20;
/** A match through a network (an address inside a network) says less than the same value. */
const NETWORK_MATCH_WEIGHT = 0.5;

const isNetwork = (v: TypedValue) => v.type === "ipv4" || v.type === "ipv6" || v.type === "cidr";

/** A link from one of the case's values to a stored value (itself, or an overlapping network). */
interface Link {
  mine: CorrelationValueRow;
  other: { id: number } & TypedValue;
}

/** Why each of the case's values does (not) correlate, and the links of those that do. */
async function linksOf(
  ctx: ObservablesContext,
  listed: (value: TypedValue) => WarningListHit[],
  values: CorrelationValueRow[],
  cidr: boolean,
) {
  const notCorrelated: Record<CorrelationStop, number> = {
    type: 0,
    "warning-list": 0,
    "do-not-correlate": 0,
    common: 0,
  };
  const uncorrelated = new Set<ObservableType>();
  const usable: CorrelationValueRow[] = [];
  for (const v of values) {
    // The type first: a file name links nothing whatever lists or marks say about it.
    if (!correlates(v.type)) {
      notCorrelated.type++;
      uncorrelated.add(v.type);
    } else if (listed(v).length > 0) notCorrelated["warning-list"]++;
    else if (v.do_not_correlate) notCorrelated["do-not-correlate"]++;
    else usable.push(v);
  }
  const links: Link[] = usable.map((v) => ({ mine: v, other: v }));
  if (cidr) {
    const byId = new Map(usable.map((v) => [v.id, v]));
    const neighbours = await selectNetworkNeighbours(ctx.db, ctx.actor, usable.filter(isNetwork), NETWORK_NEIGHBOURS);
    for (const n of neighbours) {
      const mine = byId.get(n.mine);
      if (mine !== undefined && correlates(n.type) && listed(n).length === 0) links.push({ mine, other: n });
    }
  }
  const uncorrelatedTypes = OBSERVABLE_TYPES.filter((t) => uncorrelated.has(t));
  return { links, notCorrelated, uncorrelatedTypes };
}

function presentShared(link: Link, tags: Map<number, string[]>): SharedValue {
  const tagged = tags.get(link.mine.id);
  const own = { type: link.mine.type, value: link.mine.value, ...(tagged ? { tags: tagged } : {}) };
  if (link.other.id === link.mine.id) return own;
  return { ...own, via: { type: link.other.type, value: link.other.value } };
}

/**
 * Reports whose incidents are brought in: the closest ones (reading every report's links cost 45 ms at
 * 7,000; 250 of them, 3 ms of a 100-value report's 20).
 */
const ROLL_UP_REPORTS = 150;

/**
 * The other reports and incidents the actor may see that share values with this case, closest first.
 * Each shared value weighs more the fewer cases hold it (1 / ln(1 + cases)) and twice when seen there in
 * the last 30 days; values of a type that never correlates (file names, paths, registry keys, MAC
 * addresses: UNCORRELATED_TYPES), on a warning list, marked "do not correlate", or common (seen in more
 * cases than the threshold) link nothing. A report in an incident also brings that incident.
 */
export async function relatedCases(
  ctx: ObservablesContext,
  kind: CaseKind,
  reference: string,
  query: RelatedQuery,
): Promise<RelatedList> {
  // A report's values are read while its visibility is checked, and used only once it passed: one round
  // trip fewer on the panel analysts open most. (An incident's own values include its linked reports'.)
  const [scope, reportValues, listed] = await Promise.all([
    resolveCase(ctx, kind, reference),
    kind === "report" ? selectReportValuesToCorrelate(ctx.db, ctx.actor, reference, MAX_CASE_VALUES) : null,
    loadWarningMatcher(ctx.db, ctx.config),
  ]);
  const values = reportValues ?? (await selectValuesToCorrelate(ctx.db, ctx.actor, scope.ownIds, MAX_CASE_VALUES));
  const threshold = ctx.config.correlationCommonCases;
  const { links, notCorrelated, uncorrelatedTypes } = await linksOf(ctx, listed, values, query.cidr);
  const now = ctx.clock.now().getTime();
  // Feeds' sightings of the values that correlate (a warning-listed or "do not correlate" value is not
  // looked up there either), read beside the ranking.
  const [ranked, feedSightings] = await Promise.all([
    rankRelatedCases(ctx.db, ctx.actor, {
      links: {
        mine: links.map((l) => l.mine.id),
        other: links.map((l) => l.other.id),
        factor: links.map((l) => (l.other.id === l.mine.id ? 1 : NETWORK_MATCH_WEIGHT)),
      },
      usableIds: links.filter((l) => l.other.id === l.mine.id).map((l) => l.mine.id),
      ownIds: scope.ownIds,
      excludeIncidentsOf: scope.excludeIncidentsOf,
      threshold,
      limit: query.limit,
      rollUpReports: Math.max(ROLL_UP_REPORTS, query.limit * 3),
      ongoingSince: new Date(now - ONGOING_MS),
      sharedShown: SHARED_SHOWN,
    }),
    feedSightingsOf(
      ctx,
      links.filter((l) => l.other.id === l.mine.id).map((l) => l.mine),
    ),
  ]);
  notCorrelated.common += ranked.common;
  const linkOf = new Map(links.map((l) => [`${l.mine.id} ${l.other.id}`, l]));
  // Only the shown values' tags: a handful of rows, after the ranking picked them.
  const shownIds = [...new Set(ranked.items.flatMap((row) => row.shared.map(([mine]) => mine)))];
  const tags = await selectTagNames(ctx.db, ctx.actor, shownIds);
  const items = ranked.items.map((row): RelatedItem => {
    const shared = row.shared.flatMap(([mine, other]) => {
      const link = linkOf.get(`${mine} ${other}`);
      return link === undefined ? [] : [presentShared(link, tags)];
    });
    return {
      kind: row.kind,
      reference: row.reference,
      title: row.title,
      status: row.status,
      tlp: row.tlp as TlpLabel,
      shared,
      sharedCount: row.sharedCount,
      score: Math.round(row.score * 1000) / 1000,
      lastSeen: new Date(row.lastSeen).toISOString(),
      ongoing: now - row.lastSeen < ONGOING_MS,
    };
  });
  return { items, notCorrelated, uncorrelatedTypes, commonThreshold: threshold, feedSightings };
}
