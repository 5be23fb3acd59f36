import fc from "fast-check";
import { parse as parseSuffix } from "tldts";
import { describe, expect, it } from "vitest";
import type { TypedValue } from "../../../../contract/observables.js";
import { anyCodeUnit, indicator, noiseText, scannerText, urlInText } from "./arbitraries.test-fixtures.js";
import { extractObservables, parseObservable } from "./index.js";

const HASH_LENGTH = { md5: 32, sha1: 40, sha256: 64 } as const;

/** What must hold for every value the extractor gives, whatever the input. */
function expectValid(found: TypedValue): void {
  // Normal form: reading the value back as its type gives the value itself.
  expect(parseObservable(found.value, found.type)).toEqual(found);
  if (found.type === "ipv4") {
    expect(found.value).toMatch(/^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/);
  } else if (found.type === "md5" || found.type === "sha1" || found.type === "sha256") {
    expect(found.value).toMatch(new RegExp(`^[0-9a-f]{${HASH_LENGTH[found.type]}}$`));
  } else if (found.type === "domain") {
    const suffix = parseSuffix(found.value, { allowPrivateDomains: false });
    expect(suffix.isIcann).toBe(true);
    expect(suffix.domain).not.toBeNull();
  }
}

describe("extractor properties", () => {
  it("never throws and gives only valid values, on arbitrary text", () => {
    fc.assert(
      fc.property(fc.oneof(noiseText, scannerText, urlInText), (text) => {
        extractObservables(text).forEach(expectValid);
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws on arbitrary code units, lone surrogates and control characters included", () => {
    fc.assert(
      fc.property(fc.string({ unit: anyCodeUnit, maxLength: 500 }), (text) => {
        expect(Array.isArray(extractObservables(text))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("finds an indicator put into random noise between spaces", () => {
    fc.assert(
      fc.property(noiseText, indicator, noiseText, (before, raw, after) => {
        const expected = parseObservable(raw);
        // A generated name can be a public suffix itself (a.se), and "::" is no indicator in text.
        fc.pre(expected !== null && expected.value !== "::");
        expect(extractObservables(`${before} ${raw} ${after}`)).toContainEqual(expected);
      }),
      { numRuns: 600 },
    );
  });
});
