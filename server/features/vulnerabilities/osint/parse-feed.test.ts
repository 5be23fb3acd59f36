import { describe, expect, it } from "vitest";
import { cvesIn, FeedFormatError, parseFeed } from "./parse-feed.js";

export const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Vendor PSIRT</title>
<atom:link href="https://vendor.example/feed" rel="self"/>
<item><title>Critical fix for CVE-2025-0108 &amp; more</title><link>https://vendor.example/a/1</link>
<guid isPermaLink="false">vendor-1</guid><pubDate>Tue, 18 Feb 2025 10:00:00 GMT</pubDate>
<description><![CDATA[<p>Patch <b>now</b>.</p><script>alert(1)</script>]]></description></item>
<item><title>No guid here</title><link>https://vendor.example/a/2</link><description>Second</description></item>
</channel></rss>`;

export const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>CERT</title><id>urn:cert</id>
<entry><title type="html">Advisory about cve-2024-3400</title><id>urn:cert:42</id>
<link rel="alternate" href="https://cert.example/42"/><link rel="enclosure" href="https://cert.example/42.pdf"/>
<updated>2025-02-19T08:00:00Z</updated><summary>Exploited in the wild.</summary></entry>
</feed>`;

describe("RSS and Atom feeds", () => {
  it("reads RSS 2.0 items as plain text, with the GUID, else the link, as the id", () => {
    const items = parseFeed(RSS);
    expect(items.map((i) => [i.guid, i.title, i.link, i.summary])).toEqual([
      ["vendor-1", "Critical fix for CVE-2025-0108 & more", "https://vendor.example/a/1", "Patch now ."],
      ["https://vendor.example/a/2", "No guid here", "https://vendor.example/a/2", "Second"],
    ]);
    expect(items[0]?.publishedAt?.toISOString()).toBe("2025-02-18T10:00:00.000Z");
    expect(items[0]?.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reads Atom entries, the alternate link, and finds CVE ids", () => {
    const [entry] = parseFeed(ATOM);
    expect(entry).toMatchObject({ guid: "urn:cert:42", link: "https://cert.example/42", summary: "Exploited in the wild." });
    expect(cvesIn(`${entry?.title ?? ""} CVE-2024-3400`)).toEqual(["CVE-2024-3400"]);
  });

  it("refuses what is not a feed, and a link that is not http(s) is dropped", () => {
    expect(() => parseFeed("<html><body>hi</body></html>")).toThrow(FeedFormatError);
    expect(() => parseFeed("not xml at all <<<")).toThrow(FeedFormatError);
    const [item] = parseFeed(RSS.replace("https://vendor.example/a/1", "javascript:alert(1)"));
    expect(item?.link).toBeNull();
  });
});
