import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type IndexNetwork, OwnerIndex, type OwnerIndexData, type OwnerQuery } from "./owner-index.js";
import { LayeredOwnerIndex } from "./owner-index-layers.js";
import { formatAddress } from "./ranges.js";

// The owner index after changes (a base built before them, an overlay of the changed organisations)
// must answer exactly as an index built from the registry after them: same owners, same order, same
// labels and inhibitions. Small address spaces and few names, so networks nest, overlap and tie.

const MAX4 = (1n << 32n) - 1n;
const MAX6 = (1n << 128n) - 1n;
const NOW = Date.parse("2026-12-02T12:00:00Z");
const DOMAINS = ["a.se", "b.a.se", "c.b.a.se", "x.se", "b.x.se"];
const PREFIXES = ["https://h.se/", "https://h.se/a/", "https://h.se/a/b", "http://h.se/a/"];
const TYPES = ["scanner", "spam", "*"];

interface OrgModel {
  name: string;
  networks: { family: 4 | 6; first: bigint; last: bigint }[];
  asns: number[];
  domains: string[];
  urlPrefixes: string[];
  inhibitions: { network: number | null; types: string[]; expired: boolean }[];
}

const end4 = fc.oneof(fc.bigInt({ min: 0n, max: 64n }), fc.constantFrom(MAX4 - 1n, MAX4));
const end6 = fc.oneof(fc.bigInt({ min: 0n, max: 64n }), fc.constantFrom(MAX6 - 1n, MAX6));
const network = fc.oneof(
  fc.tuple(end4, end4).map(([a, b]) => ({ family: 4 as const, first: a < b ? a : b, last: a < b ? b : a })),
  fc.tuple(end6, end6).map(([a, b]) => ({ family: 6 as const, first: a < b ? a : b, last: a < b ? b : a })),
);
const org: fc.Arbitrary<OrgModel> = fc.record({
  name: fc.constantFrom("Alfa", "Beta", "Gamma", "Delta"),
  networks: fc.array(network, { maxLength: 4 }),
  asns: fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { maxLength: 2 }),
  domains: fc.uniqueArray(fc.constantFrom(...DOMAINS), { maxLength: 2 }),
  urlPrefixes: fc.uniqueArray(fc.constantFrom(...PREFIXES), { maxLength: 2 }),
  inhibitions: fc.array(
    fc.record({
      network: fc.option(fc.integer({ min: 0, max: 3 })),
      types: fc.uniqueArray(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 2 }),
      expired: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
});

/** A registry as the index reads it, organisations in the given order (ids are `org-<key>`). */
function indexData(registry: Map<number, OrgModel>, order: number[]): OwnerIndexData {
  const data: OwnerIndexData = {
    organisations: [],
    networks: [],
    asns: [],
    domains: [],
    urlPrefixes: [],
    inhibitions: [],
  };
  for (const key of order) {
    const o = registry.get(key);
    if (!o) continue;
    const n = data.organisations.push({ id: `org-${key}`, name: o.name }) - 1;
    o.networks.forEach((net, i) =>
      data.networks.push({ id: `net-${key}-${i}`, org: n, ...net, label: label(net) } satisfies IndexNetwork),
    );
    for (const asn of o.asns) data.asns.push({ asn, org: n });
    for (const domain of o.domains) data.domains.push({ domain, org: n });
    for (const prefix of o.urlPrefixes) data.urlPrefixes.push({ prefix, org: n });
    o.inhibitions.forEach((inh, i) =>
      data.inhibitions.push({
        id: `inh-${key}-${i}`,
        org: n,
        networkId: inh.network !== null && inh.network < o.networks.length ? `net-${key}-${inh.network}` : null,
        types: inh.types,
        expiresAt: inh.expired ? NOW - 1 : null,
      }),
    );
  }
  return data;
}

const label = (n: { family: 4 | 6; first: bigint; last: bigint }) =>
  `${formatAddress(n.family, n.first)} - ${formatAddress(n.family, n.last)}`;

const query: fc.Arbitrary<OwnerQuery> = fc.record(
  {
    ip: fc.oneof(
      fc.bigInt({ min: 0n, max: 66n }).map((v) => formatAddress(4, v)),
      fc.bigInt({ min: 0n, max: 66n }).map((v) => formatAddress(6, v)),
      fc.constantFrom(formatAddress(4, MAX4), formatAddress(6, MAX6)),
    ),
    domain: fc.constantFrom("www.c.b.a.se", "b.a.se", "x.se", "y.b.x.se", "none.se"),
    asn: fc.integer({ min: 1, max: 5 }),
    url: fc.constantFrom("https://h.se/a/b/c", "http://h.se/a/x", "https://h.se/", "http://[::5]/a"),
  },
  { requiredKeys: [] },
);

const keys = (m: Map<number, OrgModel>) => [...m.keys()];

describe("the owner index after changes", () => {
  it("a base plus an overlay of the changed organisations answers as a fresh build", () => {
    fc.assert(
      fc.property(
        fc.array(org, { maxLength: 6 }),
        // Per organisation key: unchanged (undefined), removed (null) or changed; keys past the base are added.
        fc.array(
          fc.option(org, { nil: undefined, freq: 2 }).chain((o) => fc.oneof(fc.constant(o), fc.constant(null))),
          {
            maxLength: 8,
          },
        ),
        fc.array(query, { minLength: 1, maxLength: 12 }),
        fc.constantFrom(undefined, "scanner", "spam"),
        (before, changes, queries, type) => {
          const old = new Map(before.map((o, i) => [i, o]));
          const now = new Map(old);
          const changed = new Set<string>();
          changes.forEach((c, i) => {
            if (c === undefined) return;
            changed.add(`org-${i}`);
            if (c === null) now.delete(i);
            else now.set(i, c);
          });
          const base = new OwnerIndex(indexData(old, keys(old)));
          const overlay = new OwnerIndex(
            indexData(
              now,
              keys(now).filter((k) => changed.has(`org-${k}`)),
            ),
          );
          const layered = new LayeredOwnerIndex(base, overlay, changed);
          // The fresh build reads the organisations in another order: the ranking must not depend on it.
          const fresh = new OwnerIndex(indexData(now, keys(now).reverse()));
          for (const q of queries) expect(layered.match(q, NOW, type)).toEqual(fresh.match(q, NOW, type));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("builds in slices to the same index as at once", async () => {
    const registry = new Map<number, OrgModel>();
    for (let i = 0; i < 300; i++)
      registry.set(i, {
        name: `Org ${i}`,
        networks: [
          { family: 4, first: BigInt(i * 256), last: BigInt(i * 256 + 255) },
          { family: 4, first: BigInt(i * 256 + 10), last: BigInt(i * 256 + 20) },
          { family: 6, first: BigInt(i) << 80n, last: (BigInt(i + 1) << 80n) - 1n },
        ],
        asns: [],
        domains: [],
        urlPrefixes: [],
        inhibitions: [],
      });
    const data = indexData(registry, keys(registry));
    const stepped = await OwnerIndex.buildInSteps(data);
    const atOnce = new OwnerIndex(data);
    for (const ip of ["0.0.0.15", "0.0.1.0", "0.1.44.12", "::", "0:0:1::1", "0:12b:ffff::"])
      expect(stepped.match({ ip }, NOW)).toEqual(atOnce.match({ ip }, NOW));
  });
});
