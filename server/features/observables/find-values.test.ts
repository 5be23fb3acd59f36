import { describe, expect, it } from "vitest";
import { readValueQuery } from "./find-values.js";

describe("a search box's text as a value search", () => {
  it("reads one value, defanged or not, as that value", () => {
    expect(readValueQuery(" 192.0.2[.]7 ")).toEqual({ kind: "value", value: { type: "ipv4", value: "192.0.2.7" } });
    expect(readValueQuery("hxxps://evil[.]example.org/x")).toMatchObject({ kind: "value", value: { type: "url" } });
    expect(readValueQuery("CVE-2024-3400")).toMatchObject({ kind: "value", value: { type: "cve" } });
  });

  it("reads *.domain, .domain and a defanged *[.]domain as the domain and the names under it", () => {
    for (const q of ["*.Example.SE", ".example.se", "*[.]example[.]se"])
      expect(readValueQuery(q), q).toEqual({ kind: "domain-suffix", domain: "example.se" });
  });

  it("reads a network as what lies inside it, and an address with /32 as the address", () => {
    expect(readValueQuery("192.0.2.0/24")).toEqual({ kind: "network", network: "192.0.2.0/24" });
    expect(readValueQuery("2001:db8::/32")).toEqual({ kind: "network", network: "2001:db8::/32" });
    expect(readValueQuery("192.0.2.7/32")).toMatchObject({ kind: "value", value: { type: "ipv4" } });
  });

  it("leaves words, phrases and several values to the text search", () => {
    for (const q of ["ransomware", "krypterade filer", "1.2.3.4 5.6.7.8", "", "*.", "*nothing"])
      expect(readValueQuery(q), q).toBeNull();
  });
});
