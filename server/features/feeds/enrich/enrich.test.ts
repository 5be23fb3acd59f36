import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FeedEventData } from "../../../../contract/feed-events.js";
import { ipv6Words, loadAsnTable } from "./asn-table.js";
import { enrichOffline, enrichReverseDns, offlineData } from "./offline-enricher.js";

// Enrichment from the shipped data: the range table (overlaps, quoted names, IPv6), the real packages'
// answers for well-known addresses, a feed's own values kept, and reverse DNS through a resolver given in.

function table(v4: string, v6: string) {
  const dir = mkdtempSync(join(tmpdir(), "fyr-asn-"));
  writeFileSync(join(dir, "v4.csv"), v4);
  writeFileSync(join(dir, "v6.csv"), v6);
  return loadAsnTable({ ipv4: join(dir, "v4.csv"), ipv6: join(dir, "v6.csv") });
}
const event = (fields: FeedEventData["fields"]): FeedEventData => ({ fields, extra: {} });

describe("the AS table", () => {
  it("finds the range holding an address, the enclosing one past an overlap, and none in a gap", () => {
    const t = table(
      [
        '3221225984,3221226239,64500,"Example, ""Test"" Net"', // 192.0.2.0/24
        "3325256704,3325257727,64501,Wide Provider", // 198.51.100.0 – 198.51.103.255
        "3325256960,3325257215,64502,Customer", // 198.51.101.0/24 inside it
      ].join("\n"),
      `${BigInt("0x20010db8") << 96n},${(BigInt("0x20010db8") << 96n) + (1n << 96n) - 1n},64503,Doc Six\n`,
    );
    expect(t.lookup("192.0.2.77")).toEqual({ asn: 64500, name: 'Example, "Test" Net' });
    expect(t.lookup("198.51.101.9")).toEqual({ asn: 64502, name: "Customer" });
    expect(t.lookup("198.51.102.9")).toEqual({ asn: 64501, name: "Wide Provider" });
    expect(t.lookup("203.0.113.1")).toBeNull();
    expect(t.lookup("2001:db8::1")).toEqual({ asn: 64503, name: "Doc Six" });
    expect(t.lookup("2001:db9::1")).toBeNull();
    expect(t.lookup("not an address")).toBeNull();
    expect(t.sizes).toEqual({ ipv4: 3, ipv6: 1 });
  });

  it("reads IPv6 in any spelling", () => {
    expect([...ipv6Words("2001:db8::1")]).toEqual([0x20010db8, 0, 0, 1]);
    expect([...ipv6Words("::ffff:192.0.2.1")]).toEqual([0, 0, 0xffff, 0xc0000201]);
    expect([...ipv6Words("::")]).toEqual([0, 0, 0, 0]);
  });
});

describe("offline enrichment", () => {
  it("fills AS number, AS name and country from the shipped data, never over what the feed said", () => {
    const data = offlineData();
    const plain = event({ "source.ip": "1.1.1.1" });
    const own = event({ "source.ip": "8.8.8.8", "source.asn": 64496, "source.geolocation.cc": "SE" });
    const six = event({ "source.ip": "2001:4860:4860::8888" });
    const none = event({ "source.fqdn": "example.se" });
    enrichOffline(data, [plain, own, six, none]);
    expect(plain.fields).toMatchObject({
      "source.asn": 13335,
      "source.as_name": expect.stringContaining("Cloudflare"),
    });
    expect(plain.fields["source.geolocation.cc"]).toMatch(/^[A-Z]{2}$/);
    // The feed's AS stays, and Google's name is not put beside an AS number that is not Google's.
    expect(own.fields).toEqual({ "source.ip": "8.8.8.8", "source.asn": 64496, "source.geolocation.cc": "SE" });
    expect(six.fields).toMatchObject({
      "source.asn": 15169,
      "source.as_name": "Google LLC",
      "source.geolocation.cc": "US",
    });
    expect(none.fields).toEqual({ "source.fqdn": "example.se" });
  });

  it("asks reverse DNS once per address, keeps only a host name, and survives a failing resolver", async () => {
    const asked: string[] = [];
    const resolver = {
      reverse: async (ip: string) => {
        asked.push(ip);
        if (ip === "192.0.2.1") return ["Host-1.Example.SE."];
        if (ip === "192.0.2.2") return ["<script>"];
        throw new Error("ENOTFOUND");
      },
    };
    const events = [
      event({ "source.ip": "192.0.2.1" }),
      event({ "source.ip": "192.0.2.1" }),
      event({ "source.ip": "192.0.2.2" }),
      event({ "source.ip": "192.0.2.3" }),
      event({ "source.ip": "192.0.2.4", "source.reverse_dns": "given.example" }),
    ];
    await enrichReverseDns(resolver, events);
    expect(asked.sort()).toEqual(["192.0.2.1", "192.0.2.2", "192.0.2.3"]);
    expect(events.map((e) => e.fields["source.reverse_dns"])).toEqual([
      "host-1.example.se",
      "host-1.example.se",
      undefined,
      undefined,
      "given.example",
    ]);
  });
});
