import type { SeenValue } from "../../../contract/observable-lookup.js";
import type { TlpLabel } from "../../../contract/intake.js";
import { type SummaryInput, selectValueSummaries } from "./lookup-store.js";
import type { ObservablesContext } from "./related.js";
import { selectTagNames } from "./tags-store.js";
import { loadWarningMatcher } from "./warning-lists.js";

/**
 * What a list of looked-up values shows of each the actor may see (bulk lookup, value search): its
 * verdict and tags as they may see them, warning lists, cases, when, and the last `shown` cases. Values
 * no case they may see holds are left out.
 */
export async function summariseValues(
  ctx: ObservablesContext,
  input: SummaryInput,
  shown: number,
): Promise<SeenValue[]> {
  const rows = await selectValueSummaries(ctx.db, ctx.actor, input, shown);
  const [listed, tags] = await Promise.all([
    loadWarningMatcher(ctx.db, ctx.config),
    selectTagNames(
      ctx.db,
      ctx.actor,
      rows.map((r) => r.id),
    ),
  ]);
  const threshold = ctx.config.correlationCommonCases;
  return rows.map((r) => ({
    id: String(r.id),
    type: r.type,
    value: r.value,
    verdict: r.verdict,
    tags: tags.get(r.id) ?? [],
    warningLists: listed(r),
    caseCount: r.cases,
    common: r.cases > threshold,
    firstSeen: r.first_seen.toISOString(),
    lastSeen: r.last_seen.toISOString(),
    cases: r.recent.map((c) => ({
      kind: c.kind,
      reference: c.reference,
      title: c.title,
      tlp: c.tlp as TlpLabel,
      status: c.status,
      lastSeen: new Date(c.lastSeen).toISOString(),
    })),
  }));
}
