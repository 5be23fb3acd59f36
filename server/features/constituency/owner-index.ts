import { domainToASCII } from "node:url";
import type { MatchedBy, MatchInhibition, OwnerMatch } from "../../../contract/constituency.js";
import { parseHttpUrl, urlMatchKey } from "./names.js";
import { type Segments, cmpText, runToEnd, segmentOf4, segmentOf6, segmentsOf } from "./owner-index-segments.js";
import { parseIPv4, parseIPv6 } from "./ranges.js";

// The owner match in memory: the feeds' hot path asks it for every event, so it answers without the
// database. Networks are arbitrary ranges that may nest or overlap, so each family's address space is
// cut at every range's first address and one past its last; each piece ("segment") lists the networks
// holding all of it, smallest first, computed once while building. A lookup is then one binary search
// over the segments' starts: IPv4 keys as plain numbers in a Float64Array, IPv6 as four 32-bit words.
// Domains are a map from domain to holders, walked from the full name towards the top label; AS numbers
// a map; URL prefixes per host, longest first.

export interface IndexOrganisation {
  id: string;
  name: string;
}
export interface IndexNetwork {
  id: string;
  org: number;
  family: 4 | 6;
  first: bigint;
  last: bigint;
  label: string;
}
export interface IndexInhibition {
  id: string;
  org: number;
  networkId: string | null;
  types: readonly string[];
  expiresAt: number | null;
}
export interface OwnerIndexData {
  organisations: IndexOrganisation[];
  networks: IndexNetwork[];
  asns: { asn: number; org: number }[];
  domains: { domain: string; org: number }[];
  urlPrefixes: { prefix: string; org: number }[];
  inhibitions: IndexInhibition[];
}

/** What a caller asks about: any of an address, a host name, an AS number, a URL. */
export interface OwnerQuery {
  ip?: string | undefined;
  domain?: string | undefined;
  asn?: number | string | undefined;
  url?: string | undefined;
}

/**
 * How an index ranks its answers, for merging two indexes' answers (owner-index-layers.ts): which step
 * of the match found each (URL prefix, the address, the URL's host, the domain, the URL's host as a
 * domain, the AS number) and how specific it is within that step (smaller first), parallel to the answers.
 */
export interface MatchRanks {
  steps: number[];
  specs: bigint[];
  orgIds: string[];
}

/** What one match has found so far. */
interface Found {
  out: OwnerMatch[];
  seen: number[];
  now: number;
  type: string | undefined;
  /** Organisations (by number) whose answers another index gives: skipped here. */
  skip: Uint8Array | null;
  ranks: MatchRanks | null;
  step: number;
}

const EMPTY_INHIBITIONS: readonly MatchInhibition[] = Object.freeze([]);

/** A built index: answers owner queries from memory. */
export class OwnerIndex {
  private readonly orgs: IndexOrganisation[];
  /** Each organisation's `{ id, name }` once, shared by every answer naming it (frozen). */
  private readonly refs: OwnerMatch["organisation"][];
  private readonly orgNumbers = new Map<string, number>();
  private readonly networks: IndexNetwork[];
  private readonly v4: Segments;
  private readonly v6: Segments;
  private readonly domains = new Map<string, number[]>();
  private readonly asns = new Map<number, number[]>();
  private readonly urlPrefixes = new Map<string, { key: string; prefix: string; org: number }[]>();
  private readonly inhibitions = new Map<number, IndexInhibition[]>();
  readonly size: { networks: number; domains: number; asns: number; urlPrefixes: number };

  /** Builds at once (small registries, overlays, tests); `OwnerIndex.buildInSteps` lets the event loop in. */
  constructor(data: OwnerIndexData, segments?: { v4: Segments; v6: Segments }) {
    this.orgs = data.organisations;
    this.refs = data.organisations.map((o) => Object.freeze({ id: o.id, name: o.name }));
    data.organisations.forEach((o, i) => this.orgNumbers.set(o.id, i));
    this.networks = data.networks;
    const built = segments ?? runToEnd(segmentsOf(data));
    this.v4 = built.v4;
    this.v6 = built.v6;
    const byOrgId = (a: number, b: number) => cmpText(this.orgs[a]?.id ?? "", this.orgs[b]?.id ?? "");
    for (const d of data.domains) push(this.domains, d.domain, d.org);
    for (const list of this.domains.values()) list.sort(byOrgId);
    for (const a of data.asns) push(this.asns, a.asn, a.org);
    for (const list of this.asns.values()) list.sort(byOrgId);
    for (const u of data.urlPrefixes) {
      const url = parseHttpUrl(u.prefix);
      if (!url) continue;
      const list = this.urlPrefixes.get(url.host) ?? [];
      list.push({ key: urlMatchKey(url), prefix: u.prefix, org: u.org });
      this.urlPrefixes.set(url.host, list);
    }
    for (const list of this.urlPrefixes.values())
      list.sort((a, b) => b.key.length - a.key.length || byOrgId(a.org, b.org));
    for (const inh of data.inhibitions) push(this.inhibitions, inh.org, inh);
    this.size = {
      networks: data.networks.length,
      domains: data.domains.length,
      asns: data.asns.length,
      urlPrefixes: data.urlPrefixes.length,
    };
  }

  /** Builds a large index without holding the event loop for more than a slice at a time. */
  static async buildInSteps(data: OwnerIndexData): Promise<OwnerIndex> {
    const steps = segmentsOf(data);
    for (let r = steps.next(); ; r = steps.next()) {
      if (r.done) return new OwnerIndex(data, r.value);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** An organisation's number in this index, or -1. */
  orgNumber(id: string): number {
    return this.orgNumbers.get(id) ?? -1;
  }

  get organisationCount(): number {
    return this.orgs.length;
  }

  /**
   * The owners of what `query` names, most specific first: a URL prefix, then networks (smallest range
   * first), then domains (longest suffix first), then AS numbers; each organisation once, by its most
   * specific match. `now` decides which inhibitions still hold; `type` (an RSIT type) sets `inhibited`.
   * `skip` leaves organisations out (another index answers for them); `ranks` is filled for a merge.
   */
  match(query: OwnerQuery, now: number, type?: string, skip?: Uint8Array | null, ranks?: MatchRanks | null) {
    // No closures here: this runs a million times a batch, and tsx's keepNames wraps every closure.
    const found: Found = { out: [], seen: [], now, type, skip: skip ?? null, ranks: ranks ?? null, step: 0 };
    let host: string | null = null;
    if (query.url !== undefined) {
      const url = parseHttpUrl(query.url);
      if (url) {
        const key = urlMatchKey(url);
        for (const p of this.urlPrefixes.get(url.host) ?? [])
          if (key.startsWith(p.key)) this.add(found, p.org, "url", p.prefix, null, BigInt(-p.key.length));
        host = url.hostname;
      }
    }
    found.step = 1;
    if (query.ip) this.matchAddress(found, query.ip);
    found.step = 2;
    if (host !== null) this.matchAddress(found, host.startsWith("[") ? host.slice(1, -1) : host);
    found.step = 3;
    if (query.domain) this.matchDomain(found, query.domain);
    found.step = 4;
    if (host !== null) this.matchDomain(found, host);
    found.step = 5;
    if (query.asn !== undefined) {
      const asn = typeof query.asn === "number" ? query.asn : Number(String(query.asn).replace(/^as/i, ""));
      const orgs = this.asns.get(asn);
      if (orgs) for (const org of orgs) this.add(found, org, "asn", `AS${asn}`, null, 0n);
    }
    return found.out;
  }

  private add(
    found: Found,
    org: number,
    matchedBy: MatchedBy,
    match: string,
    networkId: string | null,
    spec: bigint | null,
  ): void {
    if (found.skip !== null && found.skip[org] === 1) return;
    // An organisation once, by its most specific match; owners per value are few, so a list beats a Set.
    if (found.seen.includes(org)) return;
    found.seen.push(org);
    found.out.push(this.answer(org, matchedBy, match, networkId, found.now, found.type));
    if (found.ranks !== null) {
      found.ranks.steps.push(found.step);
      found.ranks.specs.push(spec ?? 0n);
      found.ranks.orgIds.push(this.orgs[org]?.id ?? "");
    }
  }

  private matchAddress(found: Found, text: string): void {
    const v4 = parseIPv4(text);
    let seg: Segments;
    let i: number;
    if (v4 >= 0) {
      seg = this.v4;
      i = segmentOf4(seg, v4);
    } else {
      if (!text.includes(":")) return;
      const v6 = parseIPv6(text);
      if (v6 === null) return;
      seg = this.v6;
      i = segmentOf6(seg, v6);
    }
    if (i < 0) return;
    const end = seg.offsets[i + 1] ?? 0;
    for (let k = seg.offsets[i] ?? 0; k < end; k++) {
      const n = this.networks[seg.pool[k] ?? 0];
      if (n) this.add(found, n.org, "network", n.label, n.id, found.ranks === null ? null : n.last - n.first);
    }
  }

  private matchDomain(found: Found, text: string): void {
    if (this.domains.size === 0) return;
    let name = text.trim().toLowerCase();
    if (name.endsWith(".")) name = name.slice(0, -1);
    // eslint-disable-next-line no-control-regex
    if (!/^[\x00-\x7f]*$/.test(name)) name = domainToASCII(name);
    if (name === "") return;
    for (let at = 0; at >= 0;) {
      const suffix = at === 0 ? name : name.slice(at);
      const orgs = this.domains.get(suffix);
      if (orgs) for (const org of orgs) this.add(found, org, "domain", suffix, null, BigInt(-suffix.length));
      const dot = name.indexOf(".", at);
      at = dot < 0 ? -1 : dot + 1;
    }
  }

  private answer(
    org: number,
    matchedBy: MatchedBy,
    match: string,
    networkId: string | null,
    now: number,
    type: string | undefined,
  ): OwnerMatch {
    const ref = this.refs[org] ?? { id: "", name: "" };
    const held = this.inhibitions.get(org);
    let inhibitions = EMPTY_INHIBITIONS as MatchInhibition[];
    if (held) {
      inhibitions = [];
      for (const inh of held) {
        if (inh.expiresAt !== null && inh.expiresAt <= now) continue;
        if (inh.networkId !== null && inh.networkId !== networkId) continue;
        inhibitions.push({
          id: inh.id,
          networkId: inh.networkId,
          classificationTypes: [...inh.types],
          expiresAt: inh.expiresAt === null ? null : new Date(inh.expiresAt).toISOString(),
        });
      }
    }
    const result: OwnerMatch = { organisation: ref, matchedBy, match, inhibitions };
    if (type !== undefined)
      result.inhibited = inhibitions.some(
        (i) => i.classificationTypes.includes("*") || i.classificationTypes.includes(type),
      );
    return result;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
