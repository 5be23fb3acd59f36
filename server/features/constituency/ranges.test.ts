import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normaliseAsn, normaliseDomain, normaliseUrlPrefix } from "./names.js";
import { OwnerIndex } from "./owner-index.js";
import { formatAddress, parseAddress, parseNetwork, rangeToCidrs } from "./ranges.js";

const MAX4 = (1n << 32n) - 1n;
const MAX6 = (1n << 128n) - 1n;
const addr4 = fc.bigInt({ min: 0n, max: MAX4 });
const addr6 = fc.bigInt({ min: 0n, max: MAX6 });
// Boundaries are where range arithmetic breaks: the ends of the space, and powers of two either side.
const edgy = (max: bigint, bits: number) =>
  fc.oneof(
    fc.constantFrom(0n, 1n, max, max - 1n),
    fc.integer({ min: 0, max: bits - 1 }).chain((b) => fc.constantFrom((1n << BigInt(b)) - 1n, 1n << BigInt(b))),
    fc.bigInt({ min: 0n, max }),
  );

/** The addresses the CIDR list covers, as [first, last] per CIDR. */
function spans(cidrs: string[]): [bigint, bigint][] {
  return cidrs.map((c) => {
    const parsed = parseNetwork(c);
    if (!parsed.ok) throw new Error(`${c}: ${parsed.message}`);
    return [parsed.range.first, parsed.range.last];
  });
}

describe("range arithmetic", () => {
  for (const [family, max, bits, gen] of [
    [4, MAX4, 32, edgy(MAX4, 32)],
    [6, MAX6, 128, edgy(MAX6, 128)],
  ] as const) {
    it(`IPv${family}: a range's CIDRs cover exactly it, in order, without gaps`, () => {
      fc.assert(
        fc.property(gen, gen, (a, b) => {
          const [first, last] = a <= b ? [a, b] : [b, a];
          const cidrs = rangeToCidrs({ family, first, last });
          const covered = spans(cidrs);
          expect(covered[0]?.[0]).toBe(first);
          expect(covered.at(-1)?.[1]).toBe(last);
          for (let i = 1; i < covered.length; i++) expect(covered[i]?.[0]).toBe((covered[i - 1]?.[1] ?? 0n) + 1n);
          // Minimal: at most two blocks per prefix length.
          expect(cidrs.length).toBeLessThanOrEqual(2 * bits);
        }),
      );
    });

    it(`IPv${family}: an address survives formatting and parsing`, () => {
      fc.assert(
        fc.property(family === 4 ? addr4 : addr6, (v) => {
          expect(parseAddress(formatAddress(family, v))).toEqual({ family, value: v });
        }),
      );
    });

    it(`IPv${family}: 'a - b' parses back to itself; a reversed range is refused`, () => {
      fc.assert(
        fc.property(gen, gen, (a, b) => {
          const text = `${formatAddress(family, a)} - ${formatAddress(family, b)}`;
          const parsed = parseNetwork(text);
          if (a > b) expect(parsed).toMatchObject({ ok: false, code: "network_reversed" });
          else expect(parsed).toMatchObject({ ok: true, range: { family, first: a, last: b } });
        }),
      );
    });

    it(`IPv${family}: /0 and the single address`, () => {
      const zero = family === 4 ? "0.0.0.0/0" : "::/0";
      expect(parseNetwork(zero)).toMatchObject({ ok: true, range: { first: 0n, last: max }, label: zero });
      expect(rangeToCidrs({ family, first: 0n, last: max })).toEqual([zero]);
      const top = formatAddress(family, max);
      expect(parseNetwork(`${top}/${bits}`)).toMatchObject({ ok: true, range: { first: max, last: max } });
      expect(parseNetwork(top)).toMatchObject({ ok: true, label: `${top}/${bits}` });
      expect(parseNetwork(`${top}/${bits + 1}`)).toMatchObject({ ok: false, code: "invalid_prefix_length" });
    });
  }

  it("labels a range that is one CIDR as the CIDR, else 'a - b'", () => {
    expect(parseNetwork("192.0.2.0 - 192.0.2.255")).toMatchObject({ ok: true, label: "192.0.2.0/24" });
    expect(parseNetwork("198.51.100.7-198.51.100.20")).toMatchObject({
      ok: true,
      label: "198.51.100.7 - 198.51.100.20",
    });
    expect(rangeToCidrs({ family: 4, first: 3325256711n, last: 3325256724n })).toEqual([
      "198.51.100.7/32",
      "198.51.100.8/29",
      "198.51.100.16/30",
      "198.51.100.20/32",
    ]);
    expect(parseNetwork("2001:DB8::/32")).toMatchObject({ ok: true, label: "2001:db8::/32" });
  });

  it("refuses host bits, mixed families, and what is not an address, each with its own code", () => {
    expect(parseNetwork("192.0.2.5/24")).toMatchObject({ ok: false, code: "network_host_bits" });
    expect(parseNetwork("192.0.2.5/24")).toMatchObject({ message: expect.stringContaining("192.0.2.0/24") });
    expect(parseNetwork("2001:db8::1/32")).toMatchObject({ ok: false, code: "network_host_bits" });
    expect(parseNetwork("192.0.2.1 - 2001:db8::1")).toMatchObject({ ok: false, code: "network_mixed_families" });
    for (const bad of ["192.0.2.256", "192.0.2", "01.2.3.4", "192.0.2.0/x", "1:2:3:4:5:6:7:8:9", "fe80::1%eth0", ""])
      expect(parseNetwork(bad)).toMatchObject({ ok: false });
    expect(parseAddress("::ffff:192.0.2.1")).toEqual({ family: 6, value: 0xffffc0000201n });
  });
});

describe("the owner index over ranges", () => {
  it("finds, for any address, exactly the networks holding it, smallest first (also adjacent and nested)", () => {
    const range = fc
      .tuple(edgy(MAX4, 32), edgy(MAX4, 32))
      .map(([a, b]): [bigint, bigint] => (a <= b ? [a, b] : [b, a]));
    fc.assert(
      fc.property(
        fc.array(range, { minLength: 1, maxLength: 12 }),
        fc.array(edgy(MAX4, 32), { maxLength: 20 }),
        (ranges, probes) => {
          // Adjacent ranges on purpose: each range's neighbour right after it.
          const all = ranges.flatMap(([a, b]): [bigint, bigint][] =>
            b < MAX4
              ? [
                  [a, b],
                  [b + 1n, b + 1n],
                ]
              : [[a, b]],
          );
          const networks = all.map(([first, last], i) => ({
            id: `n${i}`,
            org: i,
            family: 4 as const,
            first,
            last,
            label: `n${i}`,
          }));
          const index = new OwnerIndex({
            organisations: networks.map((n) => ({ id: n.id, name: n.id })),
            networks,
            asns: [],
            domains: [],
            urlPrefixes: [],
            inhibitions: [],
          });
          for (const p of [...probes, ...all.flatMap(([a, b]) => [a, b, a - 1n, b + 1n])]) {
            if (p < 0n || p > MAX4) continue;
            const got = index.match({ ip: formatAddress(4, p) }, 0).map((m) => m.match);
            const want = networks.filter((n) => n.first <= p && p <= n.last);
            expect(new Set(got)).toEqual(new Set(want.map((n) => n.label)));
            const sizes = got.map((l) => {
              const n = networks.find((x) => x.label === l);
              return n ? n.last - n.first : 0n;
            });
            for (let i = 1; i < sizes.length; i++) expect((sizes[i] ?? 0n) >= (sizes[i - 1] ?? 0n)).toBe(true);
          }
        },
      ),
    );
  });

  it("IPv6 too, at the ends of the space", () => {
    const networks = [
      { id: "all", org: 0, family: 6 as const, first: 0n, last: MAX6, label: "::/0" },
      { id: "top", org: 1, family: 6 as const, first: MAX6, last: MAX6, label: "top" },
      {
        id: "doc",
        org: 2,
        family: 6 as const,
        first: 0x20010db8n << 96n,
        last: ((0x20010db8n + 1n) << 96n) - 1n,
        label: "2001:db8::/32",
      },
    ];
    const index = new OwnerIndex({
      organisations: networks.map((n) => ({ id: n.id, name: n.id })),
      networks,
      asns: [],
      domains: [],
      urlPrefixes: [],
      inhibitions: [],
    });
    const at = (ip: string) => index.match({ ip }, 0).map((m) => m.match);
    expect(at(formatAddress(6, MAX6))).toEqual(["top", "::/0"]);
    expect(at("2001:db8::1")).toEqual(["2001:db8::/32", "::/0"]);
    expect(at("2001:db9::")).toEqual(["::/0"]);
    expect(at("::")).toEqual(["::/0"]);
    expect(at("192.0.2.1")).toEqual([]);
  });
});

describe("names", () => {
  it("normalises domains: case, trailing dot, IDN to punycode; refuses addresses and junk", () => {
    expect(normaliseDomain("Exempel.SE.")).toEqual({ ok: true, value: "exempel.se" });
    expect(normaliseDomain("räksmörgås.se")).toEqual({ ok: true, value: "xn--rksmrgs-5wao1o.se" });
    expect(normaliseDomain("*.exempel.se")).toEqual({ ok: true, value: "exempel.se" });
    for (const bad of ["192.0.2.1", "exa mple.se", "-bad.se", "a..se", "x".repeat(64) + ".se", ""])
      expect(normaliseDomain(bad)).toMatchObject({ ok: false, code: "invalid_domain" });
  });

  it("checks AS numbers: 1 to 4294967294, AS0 and AS4294967295 reserved", () => {
    expect(normaliseAsn(64500)).toEqual({ ok: true, value: 64500 });
    expect(normaliseAsn("AS64500")).toEqual({ ok: true, value: 64500 });
    expect(normaliseAsn(4294967294)).toEqual({ ok: true, value: 4294967294 });
    expect(normaliseAsn(0)).toMatchObject({ ok: false, code: "asn_reserved" });
    expect(normaliseAsn(4294967295)).toMatchObject({ ok: false, code: "asn_reserved" });
    expect(normaliseAsn(4294967296)).toMatchObject({ ok: false, code: "asn_out_of_range" });
    expect(normaliseAsn(-1)).toMatchObject({ ok: false, code: "asn_out_of_range" });
    expect(normaliseAsn("AS1.5")).toMatchObject({ ok: false, code: "asn_out_of_range" });
  });

  it("normalises URL prefixes and refuses what is not http(s)", () => {
    expect(normaliseUrlPrefix("HTTPS://Exempel.SE/Kunder/#x")).toEqual({
      ok: true,
      value: "https://exempel.se/Kunder/",
    });
    expect(normaliseUrlPrefix("exempel.se/kunder")).toEqual({ ok: true, value: "http://exempel.se/kunder" });
    expect(normaliseUrlPrefix("ftp://exempel.se/")).toMatchObject({ ok: false, code: "invalid_url_prefix" });
  });
});
