import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { indicator, noiseText, scannerText } from "./arbitraries.test-fixtures.js";
import { extractFromStream, extractObservables } from "./index.js";

async function* chunksOf<T>(parts: readonly T[]): AsyncIterable<T> {
  for (const part of parts) yield part;
}

/** The text cut at the given offsets (sorted, deduplicated). */
function cut(text: string, offsets: readonly number[]): string[] {
  const points = [...new Set(offsets.map((o) => o % (text.length + 1)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let from = 0;
  for (const point of points) {
    parts.push(text.slice(from, point));
    from = point;
  }
  parts.push(text.slice(from));
  return parts;
}

describe("extractFromStream", () => {
  it("finds values cut in half by chunk boundaries, in strings and in UTF-8 bytes", async () => {
    const text = "Länk: hxxps://räksmörgås[.]se/ö och 192.0.2.44, AS 3301, info@exempel.se ";
    const expected = extractObservables(text);
    expect(expected).toHaveLength(6);
    const bytes = Buffer.from(text);
    for (let at = 1; at < bytes.length; at++) {
      // Every cut, including inside "[.]", "AS 3301" and the two bytes of "ä".
      expect((await extractFromStream(chunksOf([bytes.subarray(0, at), bytes.subarray(at)]))).values).toEqual(expected);
      const split = Math.min(at, text.length);
      expect((await extractFromStream(chunksOf([text.slice(0, split), text.slice(split)]))).values).toEqual(expected);
    }
  });

  it("never cuts a value spelt over spaced words, whichever space the chunk ends at (found by fast-check)", async () => {
    for (const text of [
      "see evil [dot] co [dot] uk and user [at] evil.se or 1.2.3 . 4 and hxxp://evil[.]se /path/x.php ok",
      " CVE-1999-0001 [dot] 0.0.0.0/0 ",
      "ASN 1 a[.]com ",
      "00000000000000000000000000000000.ASN 1 http://a.com/ ",
      "CVE 2024 12345 and AS 3301\nnext line evil [.] se",
    ]) {
      const expected = extractObservables(text);
      for (let at = 0; at <= text.length; at++) {
        const streamed = await extractFromStream(chunksOf([text.slice(0, at), text.slice(at)]));
        expect([at, streamed.values]).toEqual([at, expected]);
      }
    }
  });

  it("joins a spaced marker only between label characters: a URL's path and an address's colons stay apart", () => {
    const values = extractObservables(" http://a.com/ (.) ::0:0:0 ");
    expect(values.map((v) => v.value)).not.toContain("http://a.com/.::0:0:0");
    expect(values).toContainEqual({ type: "url", value: "http://a.com/" });
    expect(extractObservables("evil [.] com")).toContainEqual({ type: "domain", value: "evil.com" });
  });

  it("keeps an AS number whole after a long token ending in ASN (found by fast-check)", async () => {
    const text = "00000000000000000000000000000000.ASN 1";
    expect((await extractFromStream(chunksOf([text]))).values).toEqual(extractObservables(text));
    expect(extractObservables(text)).toContainEqual({ type: "asn", value: "AS1" });
  });

  it("gives what the whole text gives, however the text is cut", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(
            fc.oneof(
              scannerText,
              noiseText,
              indicator.map((v) => ` ${v} `),
            ),
            { maxLength: 8 },
          )
          .map((p) => p.join("")),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (text, offsets) => {
          const streamed = await extractFromStream(chunksOf(cut(text, offsets)));
          expect(streamed.values).toEqual(extractObservables(text));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("gives what the whole text gives when UTF-8 bytes are cut anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(
            fc.oneof(
              noiseText,
              indicator.map((v) => ` ${v} `),
            ),
            { maxLength: 6 },
          )
          .map((p) => p.join("")),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (text, offsets) => {
          // Lone surrogates do not survive UTF-8; compare with what the bytes decode to.
          const bytes = Buffer.from(text);
          const points = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b);
          const chunks = [...points, bytes.length].map((end, i) =>
            bytes.subarray(i === 0 ? 0 : (points[i - 1] ?? 0), end),
          );
          const streamed = await extractFromStream(chunksOf(chunks));
          expect(streamed.values).toEqual(extractObservables(bytes.toString("utf8")));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("stops at the limit and says so", async () => {
    const parts = Array.from({ length: 40 }, (_, i) => `host-${i}.example.com `);
    const streamed = await extractFromStream(chunksOf(parts), { maxValues: 25 });
    expect(streamed.values).toHaveLength(25);
    expect(streamed.truncated).toBe(true);
  });

  it("reads 200 MB with bounded memory: no chunk is kept, a huge token is skipped, the values after it found", async () => {
    const prose = "lorem ipsum dolor sit amet ".repeat(19_000);
    const huge = Buffer.alloc(1_000_000, "x");
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    async function* source(): AsyncIterable<Buffer | string> {
      yield "start 192.0.2.1 then a token of 30 MB without a delimiter: ";
      for (let i = 0; i < 30; i++) yield huge;
      // Each chunk holds a value: a value that kept its chunk alive would keep all 170 MB.
      for (let i = 0; i < 170; i++) {
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
        yield Buffer.from(`${prose} host-${i}.example.com ${prose}\n`);
      }
      yield " last: hxxp://evil";
      yield "[.]example[.]com/x ";
    }
    const streamed = await extractFromStream(source());
    expect(streamed.truncated).toBe(false);
    expect(streamed.values).toEqual([
      { type: "ipv4", value: "192.0.2.1" },
      ...Array.from({ length: 170 }, (_, i) => ({ type: "domain", value: `host-${i}.example.com` })),
      { type: "url", value: "http://evil.example.com/x" },
      { type: "domain", value: "evil.example.com" },
    ]);
    // Holding the text would take at least 200 MB of heap.
    expect(peak).toBeLessThan(120_000_000);
  });
});
