import { randomInt } from "node:crypto";

// Test and benchmark data shaped like the real files: CVE JSON 5 records as cvelistV5 holds them (a CNA
// container with CVSS, affected products with CPEs and versions, an ADP adding a score), KEV catalogue
// entries, and FIRST's EPSS CSV with its comment line. Written here, not copied: the shapes follow
// ../shared/data/cve/full-record-basic-example.json and the KEV sample.

/** A CVE id no other test in the file draws (a year of its own, seven random digits). */
export const uniqueCve = (year = 2098) => `CVE-${year}-${String(randomInt(1_000_000, 9_999_999))}`;

export interface CveRecordOptions {
  cve: string;
  vendor?: string;
  product?: string;
  title?: string;
  description?: string;
  cvss31?: number;
  cvss40?: number;
  cvss20?: number;
  adpCvss31?: number;
  cpes?: string[];
  state?: "PUBLISHED" | "REJECTED";
  dateUpdated?: string;
}

const severity = (score: number) => (score >= 9 ? "CRITICAL" : score >= 7 ? "HIGH" : score >= 4 ? "MEDIUM" : "LOW");

/** A record as cvelistV5 holds it. */
export function cveRecord(o: CveRecordOptions): Record<string, unknown> {
  if (o.state === "REJECTED")
    return {
      dataType: "CVE_RECORD",
      dataVersion: "5.1",
      cveMetadata: { cveId: o.cve, assignerOrgId: "b3476cb9-2e3d-41a6-98d0-0f47421a65b6", state: "REJECTED" },
      containers: {
        cna: {
          providerMetadata: { orgId: "b3476cb9-2e3d-41a6-98d0-0f47421a65b6" },
          rejectedReasons: [{ lang: "en", value: "This candidate was withdrawn by its CNA." }],
        },
      },
    };
  const metrics: Record<string, unknown>[] = [];
  if (o.cvss40 !== undefined)
    metrics.push({
      format: "CVSS",
      cvssV4_0: {
        version: "4.0",
        baseScore: o.cvss40,
        baseSeverity: severity(o.cvss40),
        vectorString: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
      },
    });
  if (o.cvss31 !== undefined)
    metrics.push({
      format: "CVSS",
      scenarios: [{ lang: "en", value: "GENERAL" }],
      cvssV3_1: {
        version: "3.1",
        baseScore: o.cvss31,
        baseSeverity: severity(o.cvss31),
        vectorString: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
      },
    });
  if (o.cvss20 !== undefined)
    metrics.push({ cvssV2_0: { version: "2.0", baseScore: o.cvss20, vectorString: "AV:N/AC:L/Au:N/C:P/I:P/A:P" } });
  const adp =
    o.adpCvss31 === undefined
      ? undefined
      : [
          {
            providerMetadata: { orgId: "134c704f-9b21-4f2e-91b3-4a467353bcc0", shortName: "CISA-ADP" },
            title: "CISA ADP Vulnrichment",
            metrics: [
              {
                cvssV3_1: {
                  version: "3.1",
                  baseScore: o.adpCvss31,
                  baseSeverity: severity(o.adpCvss31),
                  vectorString: "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H",
                },
              },
              { other: { type: "ssvc", content: { options: [{ Exploitation: "active" }] } } },
            ],
          },
        ];
  return {
    dataType: "CVE_RECORD",
    dataVersion: "5.1",
    cveMetadata: {
      cveId: o.cve,
      assignerOrgId: "b3476cb9-2e3d-41a6-98d0-0f47421a65b6",
      assignerShortName: "example",
      state: "PUBLISHED",
      datePublished: "2025-02-10T09:00:00.000Z",
      dateUpdated: o.dateUpdated ?? "2025-02-12T10:30:00.000Z",
    },
    containers: {
      cna: {
        providerMetadata: { orgId: "b3476cb9-2e3d-41a6-98d0-0f47421a65b6" },
        title: o.title ?? `${o.product ?? "Example Enterprise"} OS command injection`,
        problemTypes: [
          { descriptions: [{ lang: "en", description: "CWE-78 OS Command Injection", cweId: "CWE-78", type: "CWE" }] },
        ],
        affected: [
          {
            vendor: o.vendor ?? "Example.org",
            product: o.product ?? "Example Enterprise",
            ...(o.cpes ? { cpes: o.cpes } : {}),
            versions: [{ version: "1.0.0", status: "affected", lessThan: "1.0.6", versionType: "semver" }],
            defaultStatus: "unaffected",
          },
        ],
        descriptions: [
          {
            lang: "en",
            value:
              o.description ??
              "OS command injection in the web management interface allows remote attackers to run commands.",
          },
          { lang: "sv", value: "Kommandoinjektion i webbgränssnittet." },
        ],
        metrics,
        references: [{ url: `https://example.org/advisories/${o.cve}`, tags: ["vendor-advisory"] }],
      },
      ...(adp ? { adp } : {}),
    },
  };
}

export interface KevOptions {
  cve: string;
  vendor?: string;
  product?: string;
  dateAdded?: string;
  dueDate?: string;
  ransomware?: "Known" | "Unknown";
  /** A field the published schema does not name (the schema lags the data). */
  extra?: Record<string, unknown>;
}

export function kevEntry(o: KevOptions): Record<string, unknown> {
  return {
    cveID: o.cve,
    vendorProject: o.vendor ?? "Example.org",
    product: o.product ?? "Example Enterprise",
    vulnerabilityName: `${o.vendor ?? "Example.org"} ${o.product ?? "Example Enterprise"} Command Injection Vulnerability`,
    dateAdded: o.dateAdded ?? "2025-02-25",
    shortDescription: "Example Enterprise contains a command injection vulnerability.",
    requiredAction:
      "Apply mitigations per vendor instructions or discontinue use of the product if mitigations are unavailable.",
    dueDate: o.dueDate ?? "2025-03-18",
    knownRansomwareCampaignUse: o.ransomware ?? "Unknown",
    notes: `https://example.org/advisories/${o.cve}`,
    cwes: ["CWE-78"],
    ...o.extra,
  };
}

/** A catalogue as CISA publishes it (pretty-printed, escaped slashes and all). */
export function kevCatalogue(entries: readonly Record<string, unknown>[], version = "2025.02.25"): string {
  return JSON.stringify(
    {
      title: "CISA Catalog of Known Exploited Vulnerabilities",
      catalogVersion: version,
      dateReleased: "2025-02-25T20:33:53.3676Z",
      count: entries.length,
      vulnerabilities: entries,
    },
    null,
    4,
  ).replace(/\//g, "\\/");
}

/** An EPSS day as FIRST publishes it. */
export function epssCsv(day: string, rows: readonly [string, number, number][]): string {
  return [
    `#model_version:v2025.03.14,score_date:${day}T12:55:00Z`,
    "cve,epss,percentile",
    ...rows.map(([cve, score, pct]) => `${cve},${score.toFixed(5)},${pct.toFixed(5)}`),
    "",
  ].join("\n");
}

/** A local HTTP server answering each path from `routes` (with ETag / If-None-Match), recording requests. */
export async function localServer(
  routes: Record<string, { status?: number; body: string | Uint8Array; type?: string; etag?: string }>,
): Promise<{
  url: (path: string) => string;
  requests: { path: string; ifNoneMatch: string | null }[];
  close(): Promise<void>;
}> {
  const { createServer } = await import("node:http");
  const requests: { path: string; ifNoneMatch: string | null }[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? "/";
    const ifNoneMatch = typeof req.headers["if-none-match"] === "string" ? req.headers["if-none-match"] : null;
    requests.push({ path, ifNoneMatch });
    const route = routes[path];
    if (!route) {
      res.writeHead(404).end("not here");
      return;
    }
    if (route.etag && ifNoneMatch === route.etag) {
      res.writeHead(304, { etag: route.etag }).end();
      return;
    }
    res.writeHead(route.status ?? 200, {
      "content-type": route.type ?? "application/octet-stream",
      ...(route.etag ? { etag: route.etag } : {}),
    });
    res.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Bytes of a text as one chunk, for the importers' streams. */
export async function* bytesOf(text: string | Uint8Array): AsyncGenerator<Uint8Array> {
  yield typeof text === "string" ? new TextEncoder().encode(text) : text;
}
