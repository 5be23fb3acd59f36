import type { TypedValue } from "../../../contract/observables.js";
import { type IpRange, parseIpRange, rangeContains } from "./ip-range.js";

/** One entry of an enabled warning list, as matching needs it. */
export interface WarningEntry {
  listId: string;
  listName: string;
  matchUrlsAndEmails: boolean;
  kind: "network" | "domain" | "value";
  network: string | null;
  valueType: string | null;
  value: string | null;
}

export type WarningListHit = { id: string; name: string };

/** The host of a URL or the domain of an e-mail address (values are normalised, so this is plain). */
function hostOf(value: TypedValue): string | null {
  if (value.type === "email") return value.value.slice(value.value.lastIndexOf("@") + 1);
  if (value.type !== "url") return null;
  try {
    return new URL(value.value).hostname;
  } catch {
    return null;
  }
}

function withinDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/**
 * Builds the test "which warning lists hold this value": addresses and networks inside a listed
 * network, domains at or under a listed domain (and URLs and e-mail addresses on it when the list says
 * so), and exact values.
 */
export function warningMatcher(entries: readonly WarningEntry[]): (value: TypedValue) => WarningListHit[] {
  const networks: { range: IpRange; hit: WarningListHit }[] = [];
  const domains: { domain: string; hosts: boolean; hit: WarningListHit }[] = [];
  const exact = new Map<string, WarningListHit[]>();
  for (const e of entries) {
    const hit = { id: e.listId, name: e.listName };
    if (e.kind === "network" && e.network !== null) {
      const range = parseIpRange(e.network);
      if (range !== null) networks.push({ range, hit });
    } else if (e.kind === "domain" && e.value !== null) {
      domains.push({ domain: e.value, hosts: e.matchUrlsAndEmails, hit });
    } else if (e.value !== null) {
      const key = `${e.valueType ?? ""} ${e.value}`;
      exact.set(key, [...(exact.get(key) ?? []), hit]);
    }
  }
  return (value) => {
    const hits = [...(exact.get(`${value.type} ${value.value}`) ?? [])];
    if (value.type === "ipv4" || value.type === "ipv6" || value.type === "cidr") {
      const range = parseIpRange(value.value);
      if (range !== null) for (const n of networks) if (rangeContains(n.range, range)) hits.push(n.hit);
    } else if (value.type === "domain") {
      for (const d of domains) if (withinDomain(value.value, d.domain)) hits.push(d.hit);
    } else {
      const host = hostOf(value);
      if (host !== null) for (const d of domains) if (d.hosts && withinDomain(host, d.domain)) hits.push(d.hit);
    }
    // One list once, however many of its entries match.
    return [...new Map(hits.map((h) => [h.id, h])).values()];
  };
}
