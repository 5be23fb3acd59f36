import type {
  CaseKind,
  CorrelationStop,
  RelatedItem,
  RelatedList,
  RelatedQuery,
  SharedValue,
  TypedValue,
} from "../../../contract/observables.js";
import type { TlpLabel } from "../../../contract/intake.js";
import type { Config } from "../../platform/config.js";
import type { ServiceContext } from "../../platform/deps.js";
import { hiddenCaseIds } from "../../platform/tlp.js";
import { resolveCase } from "./case-scope.js";
import {
  type CorrelationValueRow,
  type OtherCaseRow,
  selectCaseHeads,
  selectValuesToCorrelate,
  selectNetworkNeighbours,
  selectIncidentsOfReports,
  selectOtherCases,
  selectVisibleOtherCases,
} from "./related-store.js";
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

/** One shared value of a candidate: the link it came through, how much it weighs, when seen there. */
interface Shared {
  link: Link;
  weight: number;
  lastSeen: number;
}

// Plain arrays, not Maps: a large case has thousands of candidates sharing one or two values each, and a
// Map apiece (with a string key per row) was most of the panel's garbage-collection time.
interface Candidate {
  kind: CaseKind;
  id: string;
  shared: Shared[];
}

/** Why each of the case's values does (not) correlate, and the links of those that do. */
async function linksOf(
  ctx: ObservablesContext,
  listed: (value: TypedValue) => WarningListHit[],
  values: CorrelationValueRow[],
  cidr: boolean,
) {
  const notCorrelated: Record<CorrelationStop, number> = { "warning-list": 0, "do-not-correlate": 0, common: 0 };
  const usable: CorrelationValueRow[] = [];
  for (const v of values) {
    if (listed(v).length > 0) notCorrelated["warning-list"]++;
    else if (v.do_not_correlate) notCorrelated["do-not-correlate"]++;
    else usable.push(v);
  }
  const links: Link[] = usable.map((v) => ({ mine: v, other: v }));
  if (cidr) {
    const byId = new Map(usable.map((v) => [v.id, v]));
    const neighbours = await selectNetworkNeighbours(ctx.db, usable.filter(isNetwork), NETWORK_NEIGHBOURS);
    for (const n of neighbours) {
      const mine = byId.get(n.mine);
      if (mine !== undefined && listed(n).length === 0) links.push({ mine, other: n });
    }
  }
  return { links, notCorrelated };
}

function addShared(candidate: Candidate, entry: Shared): void {
  const known = candidate.shared.find((s) => s.link === entry.link);
  if (known === undefined) candidate.shared.push(entry);
  else if (known.lastSeen < entry.lastSeen) known.lastSeen = entry.lastSeen;
}

function presentShared({ link }: Shared): SharedValue {
  if (link.other.id === link.mine.id) return { type: link.mine.type, value: link.mine.value };
  return { type: link.mine.type, value: link.mine.value, via: { type: link.other.type, value: link.other.value } };
}

/** How far past the threshold the unfiltered read goes, so a few hidden cases rarely force an exact read. */
const HIDDEN_SLACK = 20;

/**
 * For each value, the other cases the actor may see that hold it (at most `threshold`). Read without
 * the policy and filtered through the actor's hidden set — one query for all values instead of one
 * policy check per sighting — except where that read hit its cap: there hidden cases might have crowded
 * out visible ones, so those values are read again with the policy in SQL.
 */
async function visibleOtherCases(
  ctx: ObservablesContext,
  hidden: Set<string>,
  ids: number[],
  excludeIds: string[],
  threshold: number,
): Promise<Map<number, OtherCaseRow[]>> {
  const cap = threshold + HIDDEN_SLACK;
  const raw = await selectOtherCases(ctx.db, ids, excludeIds, cap);
  const all = new Map<number, OtherCaseRow[]>();
  for (const row of raw) {
    const rows = all.get(row.observable_id);
    if (rows === undefined) all.set(row.observable_id, [row]);
    else rows.push(row);
  }
  const byValue = new Map<number, OtherCaseRow[]>();
  const uncertain: number[] = [];
  for (const [id, rows] of all) {
    const visible = rows.filter((r) => !hidden.has(r.case_id));
    if (rows.length >= cap && visible.length < threshold) uncertain.push(id);
    else byValue.set(id, visible.slice(0, threshold));
  }
  for (const row of await selectVisibleOtherCases(ctx.db, ctx.actor, uncertain, excludeIds, threshold)) {
    const rows = byValue.get(row.observable_id);
    if (rows === undefined) byValue.set(row.observable_id, [row]);
    else rows.push(row);
  }
  return byValue;
}

/**
 * The other reports and incidents the actor may see that share values with this case, closest first.
 * Each shared value weighs more the fewer cases hold it (1 / ln(1 + cases)) and twice when seen there in
 * the last 30 days; values on a warning list, marked "do not correlate", or common (seen in more cases
 * than the threshold) link nothing. A report in an incident also brings that incident.
 */
export async function relatedCases(
  ctx: ObservablesContext,
  kind: CaseKind,
  reference: string,
  query: RelatedQuery,
): Promise<RelatedList> {
  const scope = await resolveCase(ctx, kind, reference);
  const threshold = ctx.config.correlationCommonCases;
  const [values, hidden, listed] = await Promise.all([
    selectValuesToCorrelate(ctx.db, scope.ownIds, MAX_CASE_VALUES),
    hiddenCaseIds(ctx.db, ctx.actor),
    loadWarningMatcher(ctx.db, ctx.config),
  ]);
  const { links, notCorrelated } = await linksOf(ctx, listed, values, query.cidr);
  const otherIds = [...new Set(links.map((l) => l.other.id))];
  const casesOf = await visibleOtherCases(ctx, hidden, otherIds, scope.excludeIds, threshold);
  // The case holds each value once more than the others counted here; at the cap it is common.
  for (const v of values) if ((casesOf.get(v.id)?.length ?? 0) >= threshold) notCorrelated.common++;

  const candidates = new Map<string, Candidate>();
  const candidate = (kind: CaseKind, id: string) => {
    // Case ids are UUIDs: unique across reports and incidents.
    let c = candidates.get(id);
    if (c === undefined) candidates.set(id, (c = { kind, id, shared: [] }));
    return c;
  };
  for (const link of links) {
    const rows = casesOf.get(link.other.id) ?? [];
    if (rows.length >= threshold) continue;
    const weight = (link.other.id === link.mine.id ? 1 : NETWORK_MATCH_WEIGHT) / Math.log(2 + rows.length);
    for (const row of rows) addShared(candidate(row.case_kind, row.case_id), { link, weight, lastSeen: row.last_seen });
  }
  await addIncidentsOfReports(ctx, candidates, candidate, hidden, new Set(scope.excludeIds), query.limit);
  return { items: await rank(ctx, [...candidates.values()], query.limit), notCorrelated, commonThreshold: threshold };
}

/** Reports whose incidents are looked up: the closest ones (reading every report's links cost 45 ms at 7,000). */
const ROLL_UP_REPORTS = 250;

const preliminaryScore = (c: Candidate) => c.shared.reduce((sum, s) => sum + s.weight, 0);

/**
 * A report in an incident brings that incident (when the actor may see it), with the values the report
 * shares: analysts work incidents. Done for the closest reports only, so one value in thousands of
 * reports does not cost a lookup each.
 */
async function addIncidentsOfReports(
  ctx: ObservablesContext,
  candidates: Map<string, Candidate>,
  candidate: (kind: CaseKind, id: string) => Candidate,
  hidden: Set<string>,
  excluded: Set<string>,
  limit: number,
): Promise<void> {
  const reports = [...candidates.values()]
    .filter((c) => c.kind === "report")
    .sort((a, b) => preliminaryScore(b) - preliminaryScore(a))
    .slice(0, Math.max(ROLL_UP_REPORTS, limit * 5));
  const byId = new Map(reports.map((r) => [r.id, r]));
  for (const link of await selectIncidentsOfReports(
    ctx.db,
    reports.map((r) => r.id),
  )) {
    const report = byId.get(link.report_id);
    if (report === undefined || hidden.has(link.incident_id) || excluded.has(link.incident_id)) continue;
    const incident = candidate("incident", link.incident_id);
    for (const shared of report.shared) addShared(incident, { ...shared });
  }
}

async function rank(ctx: ObservablesContext, candidates: Candidate[], limit: number): Promise<RelatedItem[]> {
  const now = ctx.clock.now().getTime();
  // Thousands of candidates for a large case: score them in one plain loop each, sort their shared
  // values only for those shown.
  const scored = candidates.map((c) => {
    let score = 0;
    let lastSeen = 0;
    for (const s of c.shared) {
      score += s.weight * (now - s.lastSeen < ONGOING_MS ? 2 : 1);
      if (s.lastSeen > lastSeen) lastSeen = s.lastSeen;
    }
    return { c, lastSeen, score };
  });
  scored.sort((a, b) => b.score - a.score || b.lastSeen - a.lastSeen || (a.c.id < b.c.id ? -1 : 1));
  const top = scored.slice(0, limit).map((t) => ({
    ...t,
    shared: t.c.shared.toSorted((a, b) => b.weight - a.weight),
  }));
  const heads = await selectCaseHeads(
    ctx.db,
    top.filter((t) => t.c.kind === "report").map((t) => t.c.id),
    top.filter((t) => t.c.kind === "incident").map((t) => t.c.id),
  );
  const headOf = new Map(heads.map((h) => [`${h.kind} ${h.id}`, h]));
  return top.flatMap(({ c, shared, lastSeen, score }) => {
    const head = headOf.get(`${c.kind} ${c.id}`);
    if (head === undefined) return [];
    return [
      {
        kind: c.kind,
        reference: head.reference,
        title: head.title,
        status: head.status,
        tlp: head.tlp as TlpLabel,
        shared: shared.slice(0, SHARED_SHOWN).map(presentShared),
        sharedCount: shared.length,
        score: Math.round(score * 1000) / 1000,
        lastSeen: new Date(lastSeen).toISOString(),
        ongoing: now - lastSeen < ONGOING_MS,
      },
    ];
  });
}
