import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatAddress, parseNetwork } from "../ranges.js";
import { parseImportRange } from "./ranges.js";
import { type RpslProblem, type RpslSpec, readRpsl } from "./rpsl.js";

async function* chunksOf(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const SPEC: RpslSpec = {
  classes: { inetnum: ["country", "org", "descr"], organisation: ["org-name", "abuse-c"] },
};

async function read(text: string | Buffer, size = 5, spec: RpslSpec = SPEC) {
  const objects: { class: string; key: string; line: number; attributes: Record<string, string[] | undefined> }[] = [];
  const problems: RpslProblem[] = [];
  let count = 0;
  const bytes = typeof text === "string" ? Buffer.from(text) : text;
  for await (const batch of readRpsl(chunksOf(bytes, size), spec)) {
    objects.push(...batch.objects);
    problems.push(...batch.problems);
    count += batch.read;
  }
  return { objects, problems, read: count };
}

const SAMPLE = `% comment at the top
# another

inetnum:        192.0.2.0 - 192.0.2.255
netname:        NOT-KEPT
descr:          first line
                second line
+               third line
\tfourth line
country:        SE # a comment
org:            ORG-A1-RIPE
remarks:        not kept

route:          192.0.2.0/24
origin:         AS64500

ORGANISATION:   ORG-A1-RIPE
Org-Name:       Exempel # AB
abuse-c:        AB1-RIPE
`;

describe("the RPSL reader", () => {
  it("reads the kept attributes with continuation lines, skips comments and other classes, at any chunk size", async () => {
    for (const size of [1, 2, 3, 7, 64, 4096]) {
      const r = await read(SAMPLE, size);
      expect(r.problems).toEqual([]);
      expect(r.read).toBe(3);
      expect(r.objects).toEqual([
        {
          class: "inetnum",
          key: "192.0.2.0 - 192.0.2.255",
          line: 4,
          attributes: {
            inetnum: ["192.0.2.0 - 192.0.2.255"],
            descr: ["first line second line third line fourth line"],
            country: ["SE"],
            org: ["ORG-A1-RIPE"],
          },
        },
        {
          class: "organisation",
          key: "ORG-A1-RIPE",
          line: 17,
          attributes: { organisation: ["ORG-A1-RIPE"], "org-name": ["Exempel # AB"], "abuse-c": ["AB1-RIPE"] },
        },
      ]);
    }
  });

  it("reads CRLF files and Latin-1 or UTF-8 values", async () => {
    const latin1 = Buffer.concat([
      Buffer.from("organisation: ORG-B1-RIPE\r\norg-name: G"),
      Buffer.from([0xf6]),
      Buffer.from(
        "teborg\r\n\r\ninetnum: 10.0.0.0 - 10.0.0.255\r\nnetname: X\r\n\r\norganisation: ORG-C1-RIPE\r\norg-name: Malm\u00f6\r\n",
      ),
    ]);
    const r = await read(latin1, 3);
    expect(r.objects.map((o) => o.attributes["org-name"]?.[0] ?? o.key)).toEqual([
      "Göteborg",
      "10.0.0.0 - 10.0.0.255",
      "Malmö",
    ]);
  });

  it("skips an object rejected by an attribute, unbuilt, and counts it", async () => {
    const r = await read(SAMPLE, 4, { ...SPEC, reject: (_c, a, v) => a === "country" && v !== "NO" });
    expect(r.objects.map((o) => o.class)).toEqual(["organisation"]);
    expect(r.read).toBe(3);
  });

  it("reports malformed objects by line and goes on with the next", async () => {
    const text = `inetnum: 10.0.0.0 - 10.0.0.255
this is no attribute
country: SE

 continuation outside an object
inetnum: 10.1.0.0 - 10.1.0.255
country: SE
`;
    const r = await read(text, 3);
    expect(r.problems).toEqual([
      { line: 2, message: "not an attribute (`name: value`)" },
      { line: 5, message: "a continuation line outside an object" },
    ]);
    expect(r.objects.map((o) => o.key)).toEqual(["10.1.0.0 - 10.1.0.255"]);
  });

  it("stops at a line past the limit instead of holding it", async () => {
    await expect(read(`inetnum: ${"x".repeat(5000)}`, 100, { ...SPEC, maxLineBytes: 1000 })).rejects.toThrow(
      /line 1: line too long/,
    );
  });
});

describe("import ranges", () => {
  it("reads inetnum ranges, CIDRs and IPv6 prefixes, labelling exact CIDR blocks as CIDRs", () => {
    expect(parseImportRange("192.0.2.0 - 192.0.2.255")).toEqual({
      first: "192.0.2.0",
      last: "192.0.2.255",
      label: "192.0.2.0/24",
    });
    expect(parseImportRange("0.0.0.0 - 255.255.255.255")).toMatchObject({ label: "0.0.0.0/0" });
    expect(parseImportRange("192.0.2.7-192.0.2.20")).toMatchObject({ label: "192.0.2.7 - 192.0.2.20" });
    expect(parseImportRange("192.0.2.1/24")).toMatchObject({ first: "192.0.2.0", label: "192.0.2.0/24" });
    expect(parseImportRange("198.51.100.9")).toMatchObject({ label: "198.51.100.9/32" });
    expect(parseImportRange("2001:DB8::/32")).toEqual({
      first: "2001:db8::",
      last: "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
      label: "2001:db8::/32",
    });
    expect(parseImportRange("::/0")).toMatchObject({ last: "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" });
    expect(parseImportRange("2001:db8::1")).toMatchObject({ label: "2001:db8::1/128" });
    expect(parseImportRange("::ffff:192.0.2.1/128")).toMatchObject({ first: "::ffff:c000:201" });
    for (const bad of [
      "192.0.2.256 - 192.0.2.1",
      "10.0.0.9 - 10.0.0.1",
      "10.0.0.0/33",
      "2001:db8::/129",
      "1.2.3",
      "01.2.3.4",
      "gg::1",
    ]) {
      expect(typeof parseImportRange(bad), bad).toBe("string");
    }
  });

  it("labels a range as a CIDR exactly when it is one block", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (length, address) => {
        const size = 2 ** (32 - length);
        const first = Math.floor(address / size) * size;
        const text = (n: number) => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
        const range = parseImportRange(`${text(first)} - ${text(first + size - 1)}`);
        expect(range).toMatchObject({ label: `${text(first)}/${length}` });
        if (size > 2) {
          const shorter = parseImportRange(`${text(first)} - ${text(first + size - 2)}`);
          expect(typeof shorter === "string" ? shorter : shorter.label).not.toContain("/");
        }
      }),
    );
  });

  // Two parsers read networks: the registry's (staff input, bigint) and this one (the import's hot path, on
  // char codes). Wherever both accept a network they must store the same range under the same label.
  it("agrees with the registry's parser on every network both accept", () => {
    const v4 = fc.tuple(fc.integer({ min: 0, max: 32 }), fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }));
    const v6 = fc.tuple(fc.integer({ min: 0, max: 128 }), fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }));
    const cidr =
      (family: 4 | 6, bits: number) =>
      ([length, value]: [number, bigint]) => {
        const host = (1n << BigInt(bits - length)) - 1n;
        return `${formatAddress(family, value & ~host & ((1n << BigInt(bits)) - 1n))}/${length}`;
      };
    const ranges = fc
      .tuple(fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }))
      .map(([a, b]) => `${formatAddress(4, a < b ? a : b)} - ${formatAddress(4, a < b ? b : a)}`);
    fc.assert(
      fc.property(fc.oneof(v4.map(cidr(4, 32)), v6.map(cidr(6, 128)), ranges), (text) => {
        const registry = parseNetwork(text);
        const imported = parseImportRange(text);
        expect(registry.ok, text).toBe(true);
        expect(typeof imported, text).not.toBe("string");
        if (!registry.ok || typeof imported === "string") return;
        expect(imported.label).toBe(registry.label);
        expect(imported.first).toBe(formatAddress(registry.range.family, registry.range.first));
        expect(imported.last).toBe(formatAddress(registry.range.family, registry.range.last));
      }),
    );
  });
});
