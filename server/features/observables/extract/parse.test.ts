import { describe, expect, it } from "vitest";
import type { ObservableType, TypedValue } from "../../../../contract/observables.js";
import { parseObservable } from "./index.js";

const parsed = (raw: string, type?: ObservableType): TypedValue | null => parseObservable(raw, type);

describe("parseObservable without a type recognises the value", () => {
  it.each<[string, TypedValue]>([
    ["  192.0.2.1 ", { type: "ipv4", value: "192.0.2.1" }],
    ["192[.]0[.]2[.]1", { type: "ipv4", value: "192.0.2.1" }],
    ["2001:DB8::0:1", { type: "ipv6", value: "2001:db8::1" }],
    ["[2001:db8::1]", { type: "ipv6", value: "2001:db8::1" }],
    ["::ffff:c000:0201", { type: "ipv6", value: "::ffff:192.0.2.1" }],
    ["10.1.2.3/8", { type: "cidr", value: "10.0.0.0/8" }],
    ["10.1.2.3/32", { type: "ipv4", value: "10.1.2.3" }],
    ["2001:db8:ffff::/33", { type: "cidr", value: "2001:db8:8000::/33" }],
    ["Evil.Example.COM.", { type: "domain", value: "evil.example.com" }],
    ["evil[dot]example[dot]com", { type: "domain", value: "evil.example.com" }],
    ["bücher.de", { type: "domain", value: "xn--bcher-kva.de" }],
    ["hxxps[://]evil[.]com:443/a", { type: "url", value: "https://evil.com/a" }],
    ["HTTP://[2001:DB8::1]:80/", { type: "url", value: "http://[2001:db8::1]/" }],
    ["Anna.Svensson[@]Myndigheten[.]SE", { type: "email", value: "anna.svensson@myndigheten.se" }],
    ["D41D8CD98F00B204E9800998ECF8427E", { type: "md5", value: "d41d8cd98f00b204e9800998ecf8427e" }],
    ["da39a3ee5e6b4b0d3255bfef95601890afd80709", { type: "sha1", value: "da39a3ee5e6b4b0d3255bfef95601890afd80709" }],
    [
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      { type: "sha256", value: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
    ],
    ["cve-2021-44228", { type: "cve", value: "CVE-2021-44228" }],
    ["ASN 3301", { type: "asn", value: "AS3301" }],
    ["as4294967295", { type: "asn", value: "AS4294967295" }],
    // Typed by hand, a name is taken as meant: no guessing that it is a file.
    ["readme.md", { type: "domain", value: "readme.md" }],
    ["file.txt", { type: "filename", value: "file.txt" }],
  ])("%s", (raw, expected) => {
    expect(parsed(raw)).toEqual(expected);
  });

  it.each([
    "",
    "   ",
    "1.2.3",
    "010.1.1.1",
    "256.0.0.1",
    "1.2.3.4.5",
    "1::2::3",
    "12:30:45",
    "localhost",
    "co.uk",
    "AS0",
    "AS4294967296",
    "CVE-21-1234",
    "javascript:alert(1)",
    "http://localhost/",
    "mailto:someone",
    "a".repeat(5000),
  ])("refuses %j", (raw) => {
    expect(parsed(raw)).toBeNull();
  });
});

describe("parseObservable with a type tries only that type", () => {
  it("refuses a value of another type", () => {
    expect(parsed("192.0.2.1", "domain")).toBeNull();
    expect(parsed("192.0.2.1", "ipv6")).toBeNull();
    expect(parsed("evil.example.com", "url")).toBeNull();
    expect(parsed("d41d8cd98f00b204e9800998ecf8427e", "sha256")).toBeNull();
  });

  it("accepts the value as that type", () => {
    expect(parsed("192.0.2.1", "ipv4")).toEqual({ type: "ipv4", value: "192.0.2.1" });
    expect(parsed("http://Evil.COM", "url")).toEqual({ type: "url", value: "http://evil.com/" });
    expect(parsed("Ann@Evil.COM", "email")).toEqual({ type: "email", value: "ann@evil.com" });
    expect(parsed("AS 64500", "asn")).toEqual({ type: "asn", value: "AS64500" });
  });

  it("gives a /32 network back as the address it is", () => {
    expect(parsed("192.0.2.1/32", "cidr")).toEqual({ type: "ipv4", value: "192.0.2.1" });
  });
});
