import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scannerText } from "./arbitraries.test-fixtures.js";
import { extractObservables, scanObservables } from "./index.js";

// Hostile text must cost time in proportion to its length. Benchmarks are never timed tests, so the
// 10 MB cases only have to finish (the suite's timeout is the bound), and linearity is checked as a
// ratio: eight times the text may take at most twenty times as long (quadratic work would be ~64×).

const MB = 1_000_000;
const repeatTo = (unit: string, length: number): string =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

const SHAPES: Record<string, (length: number) => string> = {
  "one line of letters": (n) => repeatTo("a", n),
  "millions of dots": (n) => repeatTo(".", n),
  "a. without spaces": (n) => repeatTo("a.", n),
  "1. without spaces": (n) => repeatTo("1.", n),
  "a. with spaces": (n) => repeatTo("a. ", n),
  "a long run of hex": (n) => repeatTo("f", n),
  "hex runs of 33": (n) => repeatTo(`${"a1".repeat(16)}b `, n),
  "deeply nested brackets": (n) => `${"([{".repeat(n / 6)}evil.example.com${"}])".repeat(n / 6)}`,
  "defang markers": (n) => repeatTo("[.]", n),
  "schemes without hosts": (n) => repeatTo("http://", n),
  "closing brackets after a URL": (n) => `http://example.com/${")".repeat(3000)} `.repeat(Math.ceil(n / 3020)),
  colons: (n) => repeatTo(":", n),
  "AS without a number": (n) => repeatTo("AS ", n),
  "addresses joined by commas": (n) => repeatTo("10.1.2.3,", n),
};

/**
 * CPU time of the larger text over the smaller one. Measured again once when high: a garbage
 * collection or a busy neighbour can double one run, but quadratic work is high every time.
 */
function scaling(small: string, large: string): number {
  const ratio = (): number =>
    cpuMs(() => extractObservables(large)) /
    Math.max(
      1,
      cpuMs(() => extractObservables(small)),
    );
  const first = ratio();
  return first < 20 ? first : Math.min(first, ratio());
}

function cpuMs(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = process.cpuUsage();
    run();
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

describe("pathological text", () => {
  it("a 10 MB single line without whitespace gives nothing and completes", () => {
    expect(extractObservables(repeatTo("a", 10 * MB))).toEqual([]);
    expect(extractObservables(repeatTo(".", 10 * MB))).toEqual([]);
    expect(extractObservables(repeatTo("f", 10 * MB))).toEqual([]);
  });

  it("deeply nested brackets: 10 MB of them complete; a value nested a thousand deep is found", () => {
    // Brackets do not end a token (a URL may hold them), so 10 MB of them are one token, too long to
    // hold a value, and skipped whole.
    expect(extractObservables(SHAPES["deeply nested brackets"]?.(10 * MB) ?? "")).toEqual([]);
    expect(extractObservables(`${"([{".repeat(300)}evil.example.com${"}])".repeat(300)}`)).toEqual([
      { type: "domain", value: "evil.example.com" },
    ]);
  });

  it("10 MB of values joined by commas finds them", () => {
    const found = scanObservables(repeatTo("10.1.2.3,", 10 * MB).replace(/^/, "192.0.2.1,"));
    expect(found.values).toEqual([
      { type: "ipv4", value: "192.0.2.1" },
      { type: "ipv4", value: "10.1.2.3" },
    ]);
  });

  it.each(Object.keys(SHAPES))("%s: eight times the text costs less than twenty times the time", (shape) => {
    const make = SHAPES[shape] ?? (() => "");
    expect(scaling(make(256_000), make(8 * 256_000))).toBeLessThan(20);
  });

  it("random scanner food repeated eight times more costs less than twenty times the time", () => {
    fc.assert(
      fc.property(scannerText, (unit) => {
        fc.pre(unit.length > 0);
        expect(scaling(repeatTo(`${unit} `, 200_000), repeatTo(`${unit} `, 1_600_000))).toBeLessThan(20);
      }),
      { numRuns: 8 },
    );
  });
});
