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
import { resolveCase } from "./case-scope.js";
import {
  type CaseValueRow,
  type OtherCaseRow,
  selectCaseHeads,
  selectCaseValues,
  selectNetworkNeighbours,
  selectOtherCases,
} from "./related-store.js";
import { loadWarningMatcher } from "./warning-lists.js";

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
  mine: CaseValueRow;
  other: { id: number } & TypedValue;
}

interface Candidate {
  kind: CaseKind;
  id: string;
  shared: Map<string, { value: SharedValue; weight: number; lastSeen: number }>;
}

/** Why each of the case's values does (not) correlate, and the links of those that do. */
async function linksOf(ctx: ObservablesContext, values: CaseValueRow[], cidr: boolean) {
  const listed = await loadWarningMatcher(ctx.db, ctx.config);
  const notCorrelated: Record<CorrelationStop, number> = { "warning-list": 0, "do-not-correlate": 0, common: 0 };
  const usable: CaseValueRow[] = [];
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

function addShared(candidate: Candidate, link: Link, weight: number, lastSeen: number): void {
  const via = link.other.id === link.mine.id ? undefined : { type: link.other.type, value: link.other.value };
  const key = `${link.mine.id} ${link.other.id}`;
  const known = candidate.shared.get(key);
  if (known === undefined || known.lastSeen < lastSeen)
    candidate.shared.set(key, {
      value: { type: link.mine.type, value: link.mine.value, ...(via ? { via } : {}) },
      weight,
      lastSeen,
    });
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
  const values = await selectCaseValues(ctx.db, scope.ownIds, MAX_CASE_VALUES);
  const { links, notCorrelated } = await linksOf(ctx, values, query.cidr);
  const otherIds = [...new Set(links.map((l) => l.other.id))];
  // The case holds each value once more than the others counted here; at the cap it is common.
  const others = await selectOtherCases(ctx.db, ctx.actor, otherIds, scope.excludeIds, threshold);
  const casesOf = new Map<number, OtherCaseRow[]>();
  for (const row of others) casesOf.set(row.observable_id, [...(casesOf.get(row.observable_id) ?? []), row]);
  for (const v of values) if ((casesOf.get(v.id)?.length ?? 0) >= threshold) notCorrelated.common++;

  const candidates = new Map<string, Candidate>();
  const candidate = (kind: CaseKind, id: string) => {
    const key = `${kind} ${id}`;
    let c = candidates.get(key);
    if (c === undefined) candidates.set(key, (c = { kind, id, shared: new Map() }));
    return c;
  };
  for (const link of links) {
    const rows = casesOf.get(link.other.id) ?? [];
    if (rows.length >= threshold) continue;
    const weight = (link.other.id === link.mine.id ? 1 : NETWORK_MATCH_WEIGHT) / Math.log(2 + rows.length);
    for (const row of rows) {
      const seen = row.last_seen.getTime();
      addShared(candidate(row.case_kind, row.case_id), link, weight, seen);
      for (const incidentId of row.incident_ids ?? []) addShared(candidate("incident", incidentId), link, weight, seen);
    }
  }
  return { items: await rank(ctx, [...candidates.values()], query.limit), notCorrelated, commonThreshold: threshold };
}

async function rank(ctx: ObservablesContext, candidates: Candidate[], limit: number): Promise<RelatedItem[]> {
  const now = ctx.clock.now().getTime();
  const scored = candidates.map((c) => {
    const shared = [...c.shared.values()].sort((a, b) => b.weight - a.weight);
    const lastSeen = Math.max(...shared.map((s) => s.lastSeen));
    const score = shared.reduce((sum, s) => sum + s.weight * (now - s.lastSeen < ONGOING_MS ? 2 : 1), 0);
    return { c, shared, lastSeen, score };
  });
  scored.sort((a, b) => b.score - a.score || b.lastSeen - a.lastSeen || a.c.id.localeCompare(b.c.id));
  const top = scored.slice(0, limit);
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
        shared: shared.slice(0, SHARED_SHOWN).map((s) => s.value),
        sharedCount: shared.length,
        score: Math.round(score * 1000) / 1000,
        lastSeen: new Date(lastSeen).toISOString(),
        ongoing: now - lastSeen < ONGOING_MS,
      },
    ];
  });
}
