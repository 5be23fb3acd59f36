import { describe, expect, it, beforeAll } from "vitest";
import { XMLParser } from "fast-xml-parser";
import { useTestApp } from "../../../test/support/app.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemActor } from "../../platform/auth/actor.js";
import { importCves, importEpss, importKev } from "../vulnerabilities/run-import.js";
import {
  bytesOf,
  cveRecord,
  epssCsv,
  kevCatalogue,
  kevEntry,
  uniqueCve,
} from "../vulnerabilities/vulnerabilities.test-fixtures.js";
import { type Team, caller, makeTeam, publishedAdvisory } from "./test-fixtures.js";

// The public pages and feeds: what a reader (or a feed reader) gets, with nothing a writer typed able to
// run, both languages linked, validators and 304s, and a publication showing at once. No CERT key here:
// the provider then publishes unsigned and says it is a csaf_provider, not a trusted one.

const app = useTestApp({ FYR_CERT_NAME: "CERT-SE" });
const call = caller(app);
let team: Team;
beforeAll(async () => {
  team = await makeTeam(app());
});

const HOSTILE = {
  title: `Sårbarhet <script>alert("t")</script> i "Exempel"`,
  summary: `Sammanfattning <img src=x onerror=alert(1)> & mer`,
  body: `Se [länk](javascript:alert(1)) och <iframe src="https://evil.example"></iframe>\n\n**Viktigt**`,
};

describe("the public advisory pages", () => {
  it("shows each CVE's CVSS, KEV date and ransomware use and EPSS, and the CSAF document carries the CVSS", async () => {
    const cve = uniqueCve(2096);
    const ctx = {
      db: app().fyr.deps.db,
      clock: app().fyr.deps.clock,
      actor: systemActor("cli"),
      config: app().fyr.deps.config,
    };
    const dir = mkdtempSync(join(tmpdir(), "fyr-cve-"));
    writeFileSync(join(dir, `${cve}.json`), JSON.stringify(cveRecord({ cve, cvss31: 9.8 })));
    await importCves(ctx, join(dir, `${cve}.json`));
    await importKev(ctx, bytesOf(kevCatalogue([kevEntry({ cve, dateAdded: "2025-02-25", ransomware: "Known" })])), "k");
    await importEpss(ctx, bytesOf(epssCsv("2025-03-01", [[cve, 0.94321, 0.99912]])), "e.csv", "2025-03-01");
    const { trackingId } = await publishedAdvisory(call, team, { cves: [cve] });
    const sv = (await call("GET", `/advisories/${trackingId}?lang=sv`, null)).body;
    expect(sv).toContain("Utnyttjas enligt CISA (KEV)");
    expect(sv).toMatch(/9,8 <small>\(CVSS 3\.1\)<\/small>/);
    expect(sv).toContain("Tillagd 2025-02-25");
    expect(sv).toContain("Används i ransomwareattacker");
    expect(sv).toContain("0,943 (percentil 0,999, 2025-03-01)");
    const en = (await call("GET", `/advisories/${trackingId}?lang=en`, null)).body;
    expect(en).toContain("Added 2025-02-25");
    expect(en).toContain("Used in ransomware campaigns");
    expect(en).toContain("0.943 (percentile 0.999, 2025-03-01)");
    const year = new Date().getUTCFullYear();
    const doc = (await call("GET", `/.well-known/csaf/clear/${year}/${trackingId.toLowerCase()}.json`, null)).json<{
      vulnerabilities: { cve: string; scores: { cvss_v3: { baseScore: number } }[] }[];
    }>();
    expect(doc.vulnerabilities[0]).toMatchObject({ cve, scores: [{ cvss_v3: { baseScore: 9.8, version: "3.1" } }] });
  });

  it("renders what staff wrote inert, in both languages, linked to each other", async () => {
    const { trackingId } = await publishedAdvisory(call, team, HOSTILE);
    const sv = await call("GET", `/advisories/${trackingId}?lang=sv`, null);
    expect(sv.statusCode).toBe(200);
    expect(sv.headers["content-type"]).toContain("text/html");
    expect(sv.body).toContain('<html lang="sv">');
    expect(sv.body).not.toMatch(/<script>alert|<img src=x|<iframe|href="javascript:/i);
    expect(sv.body).toContain("&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;");
    expect(sv.body).toContain("<strong>Viktigt</strong>");
    expect(sv.body).toContain(`href="/advisories/${trackingId}?lang=en" hreflang="en"`);
    const en = await call("GET", `/advisories/${trackingId}?lang=en`, null);
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain("Critical vulnerability in Example VPN");
    expect(en.body).toContain(`href="/advisories/${trackingId}?lang=sv" hreflang="sv"`);
    expect((await call("GET", "/advisories/FYR-SA-1999-9999", null)).statusCode).toBe(404);
  });

  it("lists a new publication at once, and answers 304 to a client that has the page", async () => {
    const first = await call("GET", "/advisories?lang=en", null);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"/);
    const again = await call("GET", "/advisories?lang=en", null, undefined, { "if-none-match": etag });
    expect(again.statusCode).toBe(304);
    const { trackingId } = await publishedAdvisory(call, team, { title: "Ny sårbarhet i Annat" }, null);
    const after = await call("GET", "/advisories?lang=en", null, undefined, { "if-none-match": etag });
    expect(after.statusCode).toBe(200);
    // No English yet: the English list shows the Swedish one, and its page says so.
    expect(after.body).toContain("Ny sårbarhet i Annat");
    const page = await call("GET", `/advisories/${trackingId}?lang=en`, null);
    expect(page.body).toContain("This advisory is published in Swedish only.");
    expect(page.body).toContain('<article lang="sv">');
  });

  it("serves RSS 2.0 and Atom per language, with ETag, Last-Modified and 304", async () => {
    const { trackingId } = await publishedAdvisory(call, team, HOSTILE);
    const parser = new XMLParser({ ignoreAttributes: false });
    const rss = await call("GET", "/advisories/feed.rss?lang=sv", null);
    expect(rss.headers["content-type"]).toContain("application/rss+xml");
    const channel = parser.parse(rss.body).rss.channel;
    const items = [channel.item].flat();
    const item = items.find((i: { link: string }) => i.link.includes(trackingId));
    expect(item.title).toBe(HOSTILE.title);
    expect(channel.language).toBe("sv-SE");
    const atom = await call("GET", "/advisories/feed.atom?lang=en", null);
    const feed = parser.parse(atom.body).feed;
    expect(feed["@_xml:lang"]).toBe("en");
    expect(
      [feed.entry].flat().some((e: { title: string }) => e.title === "Critical vulnerability in Example VPN"),
    ).toBe(true);
    for (const res of [rss, atom]) {
      expect(res.headers["last-modified"]).toBeTruthy();
      const etag = res.headers.etag as string;
      const url = res === rss ? "/advisories/feed.rss?lang=sv" : "/advisories/feed.atom?lang=en";
      expect((await call("GET", url, null, undefined, { "if-none-match": etag })).statusCode).toBe(304);
      const since = res.headers["last-modified"] as string;
      expect((await call("GET", url, null, undefined, { "if-modified-since": since })).statusCode).toBe(304);
    }
  });

  it("without a CERT key publishes unsigned and calls itself a csaf_provider", async () => {
    await publishedAdvisory(call, team);
    const meta = (await call("GET", "/.well-known/csaf/provider-metadata.json", null)).json();
    expect(meta).toMatchObject({ role: "csaf_provider", public_openpgp_keys: [] });
    const feed = (await call("GET", "/.well-known/csaf/feed-tlp-white.json", null)).json();
    expect(feed.feed.entry[0].link.map((l: { rel: string }) => l.rel)).toEqual(["self", "hash", "hash"]);
  });
});
