import { describe, expect, it } from "vitest";
import { ATOM, RSS } from "./feeds.test-fixtures.js";
import { cvesIn, FeedFormatError, parseFeed } from "./parse-feed.js";

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
    expect(entry).toMatchObject({
      guid: "urn:cert:42",
      link: "https://cert.example/42",
      summary: "Exploited in the wild.",
    });
    expect(cvesIn(`${entry?.title ?? ""} CVE-2024-3400`)).toEqual(["CVE-2024-3400"]);
  });

  it("refuses what is not a feed, and a link that is not http(s) is dropped", () => {
    expect(() => parseFeed("<html><body>hi</body></html>")).toThrow(FeedFormatError);
    expect(() => parseFeed("not xml at all <<<")).toThrow(FeedFormatError);
    const [item] = parseFeed(RSS.replace("https://vendor.example/a/1", "javascript:alert(1)"));
    expect(item?.link).toBeNull();
  });
});
