import { describe, expect, it } from "vitest";
import type { SearchHit } from "../../../../contract/search.js";
import { hitHref, isSearchShortcut, readSearchParams, searchHref } from "./search-params.js";

const hit = (over: Partial<SearchHit>): SearchHit => ({
  kind: "report",
  id: "1",
  reference: "FYR-2026-0001",
  title: "t",
  snippet: [],
  occurredAt: "2026-11-20T08:00:00Z",
  rank: 1,
  ...over,
});

describe("the search address", () => {
  it("round-trips words, kinds and dates", () => {
    const params = {
      q: "ransomware krypterade",
      kinds: ["report" as const, "note" as const],
      from: "2026-11-01",
      to: "2026-11-20",
    };
    const href = searchHref(params);
    expect(href).toBe("/console/search?q=ransomware+krypterade&kinds=report%2Cnote&from=2026-11-01&to=2026-11-20");
    expect(readSearchParams(new URL(href, "http://x").searchParams)).toEqual(params);
  });

  it("leaves out what is not set, and every kind ticked is the same as none", () => {
    expect(searchHref({ q: "  ", kinds: [], from: "", to: "" })).toBe("/console/search");
    expect(searchHref({ q: "x", kinds: ["report", "incident", "note", "message"], from: "", to: "" })).toBe(
      "/console/search?q=x",
    );
  });

  it("drops unknown kinds, repeated kinds and malformed dates", () => {
    const read = readSearchParams(new URLSearchParams("q=%20a%20&kinds=report,bogus,report&from=yesterday&to=2026-13"));
    expect(read).toEqual({ q: "a", kinds: ["report"], from: "", to: "" });
  });
});

describe("where a hit opens", () => {
  it("opens reports on the report page and incidents on the incident page", () => {
    expect(hitHref(hit({ kind: "report" }))).toBe("/console/reports/FYR-2026-0001");
    expect(hitHref(hit({ kind: "incident", reference: "FYR-INC-2026-0007" }))).toBe(
      "/console/incidents/FYR-INC-2026-0007",
    );
  });

  it("opens notes and messages on their incident, or on the report when on none", () => {
    expect(hitHref(hit({ kind: "note", reference: "FYR-INC-2026-0007", incidentReference: "FYR-INC-2026-0007" }))).toBe(
      "/console/incidents/FYR-INC-2026-0007",
    );
    expect(hitHref(hit({ kind: "message", incidentReference: "FYR-INC-2026-0007" }))).toBe(
      "/console/incidents/FYR-INC-2026-0007",
    );
    expect(hitHref(hit({ kind: "message" }))).toBe("/console/reports/FYR-2026-0001");
  });

  it("encodes references into the path", () => {
    expect(hitHref(hit({ reference: "a/b c" }))).toBe("/console/reports/a%2Fb%20c");
  });
});

describe("the / shortcut", () => {
  const key = (over: Partial<Parameters<typeof isSearchShortcut>[0]>) =>
    isSearchShortcut({ key: "/", ctrlKey: false, metaKey: false, altKey: false, target: null, ...over });
  it("is a plain / only", () => {
    expect(key({})).toBe(true);
    expect(key({ key: "7" })).toBe(false);
    expect(key({ ctrlKey: true })).toBe(false);
    expect(key({ metaKey: true })).toBe(false);
  });
});
