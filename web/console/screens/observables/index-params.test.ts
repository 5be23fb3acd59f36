import { describe, expect, it } from "vitest";
import { indexHref, readIndexParams, tagHref } from "./index-params.js";

describe("the observables index's address", () => {
  it("round-trips a view with every filter", () => {
    const params = {
      view: "most-seen" as const,
      type: "ipv4",
      tag: 'rsit:fraud="phishing"',
      from: "2026-01-01",
      to: "2026-02-01",
    };
    const href = indexHref(params);
    expect(href).toBe(
      "/console/observables?view=most-seen&type=ipv4&tag=rsit%3Afraud%3D%22phishing%22&from=2026-01-01&to=2026-02-01",
    );
    expect(readIndexParams(new URL(href, "http://x").searchParams)).toEqual(params);
  });

  it("leaves out the defaults, and drops an unknown view or type and a malformed date", () => {
    expect(indexHref({ view: "recent", type: "", tag: " ", from: "", to: "" })).toBe("/console/observables");
    expect(readIndexParams(new URLSearchParams("view=all&type=dna&from=yesterday&tag=%20emotet%20"))).toEqual({
      view: "recent",
      type: "",
      tag: "emotet",
      from: "",
      to: "",
    });
  });

  it("leads a tag to every value carrying it", () => {
    expect(tagHref("tlp:amber")).toBe("/console/observables?tag=tlp%3Aamber");
  });
});
