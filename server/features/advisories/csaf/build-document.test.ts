import { describe, expect, it } from "vitest";
import { AppError } from "../../../platform/errors.js";
import type { AdvisoryContent, ReleaseFacts } from "../types.js";
import { buildCsafDocument } from "./build-document.js";
import { csafFilename, csafFolder, csafTlp } from "./names.js";
import { produceDocuments } from "./produce.js";
import { validateCsaf } from "./validate.js";

// The documents Fyr writes pass the validator in every shape an advisory takes, follow the translator
// rules for English, and a document that would fail is refused with each failed test in words.

const text = (title: string) => ({
  title,
  summary: `${title}: sammanfattning`,
  body: "Text.",
  measures: "Uppdatera.",
  items: [],
});
const base: AdvisoryContent = {
  kind: "advisory",
  tlp: "TLP:CLEAR",
  cves: ["CVE-2024-3400", "CVE-2024-3401"],
  products: [
    { vendor: "Exempel AB", product: "VPN", versions: ["10.2.8", "10.2.8 or later", "< 9", "före 8.1"] },
    { vendor: "Exempel AB", product: "Gateway" },
  ],
  exploitation: "active",
  references: ["https://exempel.example/a"],
  sv: text("Sårbarhet"),
  en: text("Vulnerability"),
};
const at = new Date("2026-12-02T10:00:00Z");
const facts: ReleaseFacts = {
  trackingId: "FYR-SA-2026-0001",
  initialReleaseAt: at,
  currentReleaseAt: at,
  revisions: [{ number: 1, summary: "Första", publishedAt: at }],
};
const options = {
  publicUrl: "https://cert.example.se",
  publisher: { name: "CERT-SE", namespace: "https://www.cert.se" },
  generator: "0.1.0",
  cves: [],
};
const provider = { publicUrl: "https://cert.example.se", certName: "CERT-SE", certWeb: "https://www.cert.se" };
const noSigner = { sign: async () => null, publicKey: async () => null };

describe("Fyr's CSAF documents", () => {
  it.each([
    ["an advisory with products and CVEs", base, "csaf_security_advisory"],
    ["a flash alert with CVEs but no products", { ...base, kind: "flash" as const, products: [] }, "csaf_base"],
    ["products without CVEs", { ...base, cves: [], exploitation: "unknown" as const }, "csaf_security_advisory"],
    [
      "a weekly letter with items",
      {
        ...base,
        kind: "weekly" as const,
        cves: [],
        products: [],
        sv: {
          ...text("Veckobrev v.49"),
          items: [{ title: "Nyhet", text: "Hände.", source: "https://news.example/1", date: "2026-11-30" }],
        },
      },
      "csaf_base",
    ],
    ["TLP:AMBER+STRICT", { ...base, tlp: "TLP:AMBER+STRICT" as const }, "csaf_security_advisory"],
  ])("%s passes the validator in both languages", async (_what, content, category) => {
    for (const lang of ["sv", "en"] as const) {
      const doc = buildCsafDocument(content, facts, lang, options);
      expect((await validateCsaf(doc)).failures).toEqual([]);
      expect((doc.document as { category: string }).category).toBe(category);
    }
  });

  it("carries each CVE's CVSS 3.x as cvss_v3 scores, computed from the vector, and still passes the validator", async () => {
    const cves = [
      {
        cve: "CVE-2024-3400",
        title: "Command injection",
        cvss: {
          version: "4.0",
          baseScore: 10,
          vectorString: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        },
        // The record says 9.0; the vector computes to 9.8, which is what the document carries.
        cvssV3: { version: "3.1", baseScore: 9.0, vectorString: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" },
      },
      {
        cve: "CVE-2024-3401",
        title: null,
        cvss: null,
        cvssV3: { version: "3.1", baseScore: 1, vectorString: "not a vector" },
      },
    ];
    for (const lang of ["sv", "en"] as const) {
      const doc = buildCsafDocument(base, facts, lang, { ...options, cves }) as {
        vulnerabilities: { cve: string; scores?: unknown[] }[];
      };
      expect((await validateCsaf(doc)).failures).toEqual([]);
      expect(doc.vulnerabilities[0]?.scores).toEqual([
        {
          products: expect.arrayContaining([expect.any(String)]),
          cvss_v3: {
            version: "3.1",
            vectorString: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            baseScore: 9.8,
            baseSeverity: "CRITICAL",
          },
        },
      ]);
      expect(doc.vulnerabilities[1]).not.toHaveProperty("scores");
    }
  });

  it("writes the English document as a translation of the Swedish original (§9.1.9)", () => {
    const doc = buildCsafDocument(base, facts, "en", options) as { document: Record<string, unknown> };
    expect(doc.document).toMatchObject({
      lang: "en",
      source_lang: "sv",
      publisher: { category: "translator", name: "CERT-SE" },
      tracking: { id: "FYR-SA-2026-0001-en" },
    });
    expect((doc.document.references as { url: string }[])[0]?.url).toBe(
      "https://cert.example.se/.well-known/csaf/clear/2026/fyr-sa-2026-0001.json",
    );
    const sv = buildCsafDocument(base, facts, "sv", options) as { document: Record<string, unknown> };
    expect(sv.document).not.toHaveProperty("source_lang");
  });

  it("names files by §5.1 and maps TLP 2.0 to CSAF's TLPv1", () => {
    expect(csafFilename("FYR-SA-2026-0001")).toBe("fyr-sa-2026-0001.json");
    expect(csafFilename("Example Company - 2019-YH3234")).toBe("example_company_-_2019-yh3234.json");
    expect(
      ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"].map((t) => csafTlp(t as "TLP:RED")),
    ).toEqual(["WHITE", "GREEN", "AMBER", "AMBER", "RED"]);
    expect(csafFolder("TLP:AMBER+STRICT")).toBe("amber");
  });

  it("refuses a document that fails a test, naming the test in words", async () => {
    const broken = {
      ...facts,
      revisions: [
        { number: 1, summary: "a", publishedAt: at },
        { number: 3, summary: "b", publishedAt: at },
      ],
    };
    const error = await produceDocuments(base, broken, ["sv"], provider, [], noSigner).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    expect(e.code).toBe("advisory_csaf_invalid");
    expect(e.details.errors?.map((f) => f.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Test 6\.1\.\d+ \(.+\) fails at \/document\/tracking/)]),
    );
    expect(e.details.errors?.every((f) => f.code === "csaf_test_failed" && f.path.startsWith("csaf.sv"))).toBe(true);
  });
});
