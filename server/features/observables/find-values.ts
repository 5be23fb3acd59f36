import type { TypedValue } from "../../../contract/observables.js";
import type { SeenValue } from "../../../contract/observable-lookup.js";
import { parseObservable } from "./extract/index.js";
import { selectDomainsUnder, selectInsideNetwork, selectNetworksAround, selectVisibleValueId } from "./lookup-store.js";
import { assertMayReadObservables } from "./policy.js";
import type { ObservablesContext } from "./related.js";
import { summariseValues } from "./value-summaries.js";

/** What a search for values asks: one value, a domain and everything under it, or a network's contents. */
export type ValueQuery =
  | { kind: "value"; value: TypedValue }
  | { kind: "domain-suffix"; domain: string }
  | { kind: "network"; network: string };

const WILDCARD = "wildcard";

/**
 * The search box's text read as a value search, or null when it is words: one token that is a value
 * (defanged is fine), `*.example.se` (or `.example.se`) for a domain and the names under it, or a
 * network (`192.0.2.0/24`) for the addresses and networks inside it.
 */
export function readValueQuery(q: string): ValueQuery | null {
  const text = q.trim();
  if (text === "" || /\s/.test(text)) return null;
  // "*.example.se", ".example.se" or defanged "*[.]example.se": read as a name under the domain, with
  // a stand-in first label, so the extractor's own refanging and normalising apply.
  if (/^(\*|\.|\[|\()/.test(text)) {
    const under = parseObservable(`${WILDCARD}${text.replace(/^\*/, "")}`, "domain");
    if (under?.value.startsWith(`${WILDCARD}.`))
      return { kind: "domain-suffix", domain: under.value.slice(WILDCARD.length + 1) };
  }
  const value = parseObservable(text);
  if (value === null) return null;
  return value.type === "cidr" ? { kind: "network", network: value.value } : { kind: "value", value };
}

/** Values a search shows at most; `more` says when there were others. */
export const VALUE_HITS = 50;

/**
 * The values a value search finds among those cases the actor may see hold, with where each was seen:
 * the value itself (an address also brings the networks around it), the names under a domain, or what
 * lies inside a network.
 */
export async function findValues(
  ctx: ObservablesContext,
  query: ValueQuery,
): Promise<{ values: SeenValue[]; more: boolean }> {
  assertMayReadObservables(ctx.actor);
  const want = VALUE_HITS + 1;
  let ids: number[];
  switch (query.kind) {
    case "value": {
      ids = await selectVisibleValueId(ctx.db, ctx.actor, query.value);
      if (query.value.type === "ipv4" || query.value.type === "ipv6")
        ids.push(...(await selectNetworksAround(ctx.db, ctx.actor, query.value.value, VALUE_HITS)));
      break;
    }
    case "domain-suffix":
      ids = await selectDomainsUnder(ctx.db, ctx.actor, query.domain, want);
      break;
    case "network":
      ids = await selectInsideNetwork(ctx.db, ctx.actor, query.network, want);
      break;
  }
  const kept = ids.slice(0, VALUE_HITS);
  const values = kept.length === 0 ? [] : await summariseValues(ctx, { ids: kept }, 5);
  return { values, more: ids.length > VALUE_HITS };
}
