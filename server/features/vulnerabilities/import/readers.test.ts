import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cveRecord, epssCsv, kevCatalogue, kevEntry } from "../vulnerabilities.test-fixtures.js";
import { parseCpe, productKey } from "../product-names.js";
import { CveRecord, cveRowOf } from "./cve-record.js";
import { readEpssFile } from "./epss.js";
import { JsonShapeError, streamArrayMember } from "./json-members.js";
import { readKevCatalogue } from "./kev.js";

const SAMPLE = fileURLToPath(new URL("../fixtures/kev/known_exploited_vulnerabilities.sample.json", import.meta.url));

/** The text cut into pieces of `size` characters, as a stream would deliver it. */
async function* pieces(text: string | Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function all<T>(gen: AsyncGenerator<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of gen) out.push(...batch);
  return out;
}

describe("the KEV catalogue, streamed", () => {
  it("reads CISA's sample in pieces of any size, keeping fields the schema does not name", async () => {
    const text = readFileSync(SAMPLE);
    for (const size of [1, 7, 64, 100_000]) {
      const { batches, header } = readKevCatalogue(pieces(text, size));
      const entries = [];
      for await (const b of batches) entries.push(...b.entries);
      expect(entries.map((e) => e.cveID)).toEqual(["CVE-2023-34192", "CVE-2025-0108"]);
      expect(entries[0]?.notes).toContain("https://wiki.zimbra.com/");
      expect(header).toMatchObject({ catalogVersion: "2025.02.25", count: 1280 });
    }
    const withExtra = kevCatalogue([kevEntry({ cve: "CVE-2025-1111", extra: { forensicTriage: "Yes" } })]);
    const { batches } = readKevCatalogue(pieces(withExtra, 13));
    for await (const b of batches) expect(b.entries[0]).toMatchObject({ forensicTriage: "Yes" });
  });

  it("refuses an entry without its required fields by position, and reads the rest", async () => {
    const broken = kevEntry({ cve: "CVE-2025-2222" });
    delete broken.dueDate;
    const { batches } = readKevCatalogue(pieces(kevCatalogue([kevEntry({ cve: "CVE-2025-1111" }), broken]), 50));
    const got = { entries: [] as string[], rejected: [] as string[] };
    for await (const b of batches) {
      got.entries.push(...b.entries.map((e) => e.cveID));
      got.rejected.push(...b.rejected.map((r) => `${r.index} ${r.cve} ${r.message}`));
    }
    expect(got.entries).toEqual(["CVE-2025-1111"]);
    expect(got.rejected).toEqual([expect.stringMatching(/^2 CVE-2025-2222 dueDate:/)]);
  });

  it("says what is wrong with what is not a catalogue", async () => {
    await expect(all(streamArrayMember(pieces('{"count": 1}', 4), "vulnerabilities").elements)).rejects.toThrow(
      /no "vulnerabilities" array/,
    );
    await expect(
      all(streamArrayMember(pieces('{"vulnerabilities": [{"a": 1}', 4), "vulnerabilities").elements),
    ).rejects.toThrow(JsonShapeError);
    await expect(all(streamArrayMember(pieces("[1, 2]", 4), "vulnerabilities").elements)).rejects.toThrow(
      /not a JSON object/,
    );
    const huge = `{"vulnerabilities": [{"x": "${"a".repeat(5000)}"}]}`;
    await expect(all(streamArrayMember(pieces(huge, 100), "vulnerabilities", 1000).elements)).rejects.toThrow(
      /longer than/,
    );
  });

  it("handles strings holding brackets, braces, commas and escaped quotes", async () => {
    const doc = '{"a": "x]}", "vulnerabilities": [{"s": "]},\\"[{"}, "two", 3, [4, {"b": [5]}]], "z": {"k": [1]}}';
    const { elements, header } = streamArrayMember(pieces(doc, 3), "vulnerabilities");
    expect(await all(elements)).toEqual([{ s: ']},"[{' }, "two", 3, [4, { b: [5] }]]);
    expect(header).toEqual({ a: "x]}", z: { k: [1] } });
  });
});

describe("a CVE JSON 5 record", () => {
  it("keeps CVSS of every version from the CNA and ADPs; the headline is the newest version, the CNA's first", () => {
    const row = cveRowOf(
      CveRecord.parse(cveRecord({ cve: "CVE-2025-1000", cvss31: 9.8, cvss20: 7.5, adpCvss31: 8.8, cvss40: 9.3 })),
    );
    expect(row.cvss.map((m) => `${m.version} ${m.baseScore} ${m.source}`)).toEqual([
      "4.0 9.3 cna",
      "3.1 9.8 cna",
      "2.0 7.5 cna",
      "3.1 8.8 CISA-ADP",
    ]);
    expect(row.cvssScore).toBe(9.3);
    expect(row.description).toContain("OS command injection");
    expect(row.affected[0]).toMatchObject({ vendor: "Example.org", product: "Example Enterprise" });
    const adpOnly = cveRowOf(CveRecord.parse(cveRecord({ cve: "CVE-2025-1001", adpCvss31: 6.1 })));
    expect(adpOnly.cvssScore).toBe(6.1);
    const rejected = cveRowOf(CveRecord.parse(cveRecord({ cve: "CVE-2025-1002", state: "REJECTED" })));
    expect(rejected).toMatchObject({
      state: "REJECTED",
      description: "This candidate was withdrawn by its CNA.",
      cvssScore: null,
    });
  });
});

describe("FIRST's EPSS file", () => {
  const text = epssCsv("2025-03-20", [
    ["CVE-2025-1000", 0.94432, 0.99987],
    ["cve-2025-1001", 0.00043, 0.1234],
  ]);
  it("reads the comment line's day and model, numbers as strings, plain or gzip", async () => {
    for (const body of [new TextEncoder().encode(text), gzipSync(text)]) {
      const file = readEpssFile(pieces(body, 11));
      const rows = [];
      for await (const b of file.batches) rows.push(...b.rows);
      expect(rows).toEqual([
        { cve: "CVE-2025-1000", score: 0.94432, percentile: 0.99987 },
        { cve: "CVE-2025-1001", score: 0.00043, percentile: 0.1234 },
      ]);
      expect(file.meta).toEqual({ modelVersion: "v2025.03.14", scoreDate: "2025-03-20" });
    }
  });
  it("refuses a score that is no number between 0 and 1 by line", async () => {
    const file = readEpssFile(pieces(`${text}CVE-2025-1003,1.5,0.2\nCVE-2025-1004,abc,0.2\n`, 1000));
    const rejected = [];
    for await (const b of file.batches) rejected.push(...b.rejected);
    expect(rejected.map((r) => r.line)).toEqual([5, 6]);
  });
});

describe("product names", () => {
  it("fold as CPE 2.3 spells them, and a CPE's vendor and product are read with its escapes", () => {
    expect(productKey("Palo Alto Networks")).toBe("palo_alto_networks");
    expect(productKey("Zimbra Collaboration Suite (ZCS)")).toBe("zimbra_collaboration_suite_zcs");
    expect(parseCpe("cpe:2.3:o:paloaltonetworks:pan-os:10.2.0:*:*:*:*:*:*:*")).toEqual({
      part: "o",
      vendor: "paloaltonetworks",
      product: "pan-os",
    });
    expect(parseCpe("cpe:2.3:a:example\\:org:web\\.app:*")).toEqual({
      part: "a",
      vendor: "example:org",
      product: "web.app",
    });
    expect(parseCpe("cpe:/a:old:format")).toBeNull();
    expect(parseCpe("cpe:2.3:a:*:*")).toBeNull();
  });
});
