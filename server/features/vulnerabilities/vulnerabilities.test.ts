import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DailyDiff, Vulnerability, VulnerabilityList } from "../../../contract/vulnerabilities.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { systemActor } from "../../platform/auth/actor.js";
import { loadConfig } from "../../platform/config.js";
import { coreClient } from "../incidents/core.test-fixtures.js";
import { incidentHolding } from "../observables/workspace.test-fixtures.js";
import { vulnerabilityCommands } from "./cli.js";
import { describeCves } from "./index.js";
import { importCves, importEpss, importKev } from "./run-import.js";
import { bytesOf, cveRecord, epssCsv, kevCatalogue, kevEntry, uniqueCve } from "./vulnerabilities.test-fixtures.js";

const app = useTestApp();
const { call } = coreClient(app);
let observer = "";
let analyst = "";
let tree = "";
const system = () => ({
  db: app().fyr.deps.db,
  clock: app().fyr.deps.clock,
  actor: systemActor("cli"),
  config: app().fyr.deps.config,
});

beforeAll(async () => {
  observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
  tree = await mkdtemp(join(tmpdir(), "fyr-cvelist-"));
  // The first catalogue a database sees is its baseline.
  await importKev(system(), bytesOf(kevCatalogue([kevEntry({ cve: uniqueCve(2097) })])), "baseline.json");
});
afterAll(() => rm(tree, { recursive: true, force: true }));

const get = async <T>(token: string, url: string): Promise<T> => {
  const res = await call(token, "GET", url);
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
};

/** Writes records into a cvelistV5-shaped tree (cves/<year>/<n>xxx/CVE-….json) under a fresh root. */
async function cvelist(records: Record<string, unknown>[], extra: Record<string, string> = {}): Promise<string> {
  const root = await mkdtemp(join(tree, "list-"));
  for (const record of records) {
    const id = (record.cveMetadata as { cveId: string }).cveId;
    const [, year = "", n = ""] = id.split("-");
    const dir = join(root, "cves", year, `${n.slice(0, -3)}xxx`);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${id}.json`), JSON.stringify(record, null, 2));
  }
  for (const [name, text] of Object.entries(extra)) await writeFile(join(root, name), text);
  return root;
}

describe("importing vulnerability data", () => {
  it("reads a cvelistV5 tree, skips what is not a record, names a broken one, and a second import changes nothing", async () => {
    const [a, b] = [uniqueCve(), uniqueCve()];
    const root = await cvelist([cveRecord({ cve: a, cvss31: 9.8 }), cveRecord({ cve: b, state: "REJECTED" })], {
      "delta.json": "{}",
    });
    await writeFile(join(root, "cves", "CVE-2098-0000001.json"), "{ not json");
    const first = await importCves(system(), root);
    expect(first).toMatchObject({ read: 3, inserted: 2, updated: 0, rejected: 1 });
    expect(first.rejectedSample[0]).toMatchObject({
      at: expect.stringContaining("CVE-2098-0000001.json"),
      message: "not valid JSON",
    });
    expect(await importCves(system(), root)).toMatchObject({ read: 3, inserted: 0, updated: 0, unchanged: 2 });
    const changed = await cvelist([cveRecord({ cve: a, cvss31: 7.5, dateUpdated: "2025-03-01T00:00:00Z" })]);
    expect(
      await importCves(
        system(),
        join(changed, "cves", a.split("-")[1] ?? "", `${(a.split("-")[2] ?? "").slice(0, -3)}xxx`, `${a}.json`),
      ),
    ).toMatchObject({ read: 1, updated: 1 });
    expect((await get<Vulnerability>(observer, `/api/v1/vulnerabilities/${a}`)).cvss?.baseScore).toBe(7.5);
  });

  it("joins CVE record, KEV entry and two EPSS days on the vulnerability page, and lists them with filters", async () => {
    const cve = uniqueCve();
    await importCves(
      system(),
      await cvelist([
        cveRecord({ cve, cvss31: 9.8, adpCvss31: 8.1, cpes: ["cpe:2.3:a:example:enterprise:*:*:*:*:*:*:*:*"] }),
      ]),
    );
    const catalogue = kevCatalogue([
      kevEntry({ cve, ransomware: "Known", dateAdded: "2025-02-25", extra: { forensicTriage: "No" } }),
    ]);
    expect(await importKev(system(), bytesOf(catalogue), "kev.json")).toMatchObject({ inserted: 1, added: [cve] });
    expect(await importKev(system(), bytesOf(catalogue), "kev.json")).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 1,
    });
    await importEpss(
      system(),
      bytesOf(gzipSync(epssCsv("2025-02-24", [[cve, 0.1, 0.8]]))),
      "epss.csv.gz",
      "2000-01-01",
    );
    await importEpss(system(), bytesOf(epssCsv("2025-02-25", [[cve, 0.6, 0.97]])), "epss.csv", "2000-01-01");
    // An older day changes nothing.
    expect(
      await importEpss(system(), bytesOf(epssCsv("2025-02-20", [[cve, 0.01, 0.1]])), "old.csv", "2000-01-01"),
    ).toMatchObject({
      updated: 0,
      unchanged: 1,
    });

    const page = await get<Vulnerability>(observer, `/api/v1/vulnerabilities/${cve.toLowerCase()}`);
    expect(page).toMatchObject({
      cve,
      state: "PUBLISHED",
      title: "Example Enterprise OS command injection",
      cvss: { version: "3.1", baseScore: 9.8, source: "cna" },
      kev: { dateAdded: "2025-02-25", dueDate: "2025-03-18", knownRansomwareCampaignUse: "Known", cwes: ["CWE-78"] },
      epss: { score: 0.6, percentile: 0.97, date: "2025-02-25", previousScore: 0.1, previousDate: "2025-02-24" },
      affected: [
        {
          vendor: "Example.org",
          product: "Example Enterprise",
          cpes: ["cpe:2.3:a:example:enterprise:*:*:*:*:*:*:*:*"],
        },
      ],
      references: [{ url: `https://example.org/advisories/${cve}` }],
      advisories: [],
      incidents: [],
    });
    expect(page.metrics).toHaveLength(2);

    const kevList = await get<VulnerabilityList>(
      observer,
      "/api/v1/vulnerabilities?kev=true&ransomware=true&limit=200",
    );
    expect(kevList.items.map((i) => i.cve)).toContain(cve);
    const byEpss = await get<VulnerabilityList>(observer, "/api/v1/vulnerabilities?sort=epss&epssMin=0.5");
    expect(byEpss.items[0]).toMatchObject({ cve, epss: { score: 0.6 }, kev: { dateAdded: "2025-02-25" } });
    const found = await get<VulnerabilityList>(observer, `/api/v1/vulnerabilities?q=${cve.slice(-7)}`);
    expect(found.items.map((i) => i.cve)).toEqual([cve]);

    const daily = await get<DailyDiff>(observer, "/api/v1/vulnerabilities/daily?day=2025-02-25&threshold=0.3");
    expect(daily).toMatchObject({ day: "2025-02-25", since: "2025-02-24", threshold: 0.3 });
    expect(daily.newInKev.map((k) => k.cve)).toContain(cve);
    expect(daily.epssJumps.find((j) => j.cve === cve)).toMatchObject({
      previousScore: expect.closeTo(0.1, 5),
      rise: expect.closeTo(0.5, 5),
    });
    const calm = await get<DailyDiff>(observer, "/api/v1/vulnerabilities/daily?day=2025-02-25&threshold=0.9");
    expect(calm.epssJumps.map((j) => j.cve)).not.toContain(cve);

    const described = await describeCves(system(), [cve, "CVE-1999-0001"]);
    expect(described).toEqual([
      expect.objectContaining({
        cve,
        known: true,
        cvss: expect.objectContaining({ baseScore: 9.8 }),
        kev: expect.anything(),
        epss: expect.objectContaining({ score: 0.6 }),
      }),
      { cve: "CVE-1999-0001", title: null, cvss: null, cvssV3: null, kev: null, epss: null, known: false },
    ]);
  });

  it("pages the list with a cursor, never repeating a row", async () => {
    const cves = [uniqueCve(2096), uniqueCve(2096), uniqueCve(2096)];
    await importEpss(
      system(),
      bytesOf(
        epssCsv(
          "2025-01-01",
          cves.map((c, i): [string, number, number] => [c, 0.3 + i * 0.01, 0.5]),
        ),
      ),
      "e.csv",
      "2000-01-01",
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: VulnerabilityList = await get<VulnerabilityList>(
        observer,
        `/api/v1/vulnerabilities?sort=epss&epssMin=0.3&limit=1${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...page.items.map((i) => i.cve));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen.filter((c) => cves.includes(c))).toEqual([...cves].reverse());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("answers 404 for a CVE nobody knows, 400 for what is no CVE id, and refuses a bad file without writing", async () => {
    expect((await call(observer, "GET", "/api/v1/vulnerabilities/CVE-1999-0002")).json()).toMatchObject({
      code: "vulnerability_not_found",
    });
    const bad = await call(observer, "GET", "/api/v1/vulnerabilities/not-a-cve");
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errors: [expect.objectContaining({ path: "params.cve" })] });
    const cve = uniqueCve();
    const broken = kevCatalogue([kevEntry({ cve })]).slice(0, -10);
    await expect(importKev(system(), bytesOf(broken), "broken.json")).rejects.toMatchObject({
      code: "vulnerability_file_invalid",
    });
    await expect(describeCves(system(), [cve])).resolves.toEqual([expect.objectContaining({ known: false })]);
  });

  it("imports from the command line, the summary as JSON on the last line", async () => {
    const file = join(tree, "catalogue.json");
    const cve = uniqueCve();
    await writeFile(file, kevCatalogue([kevEntry({ cve })]));
    const out: string[] = [];
    const io = {
      database: app().database.handle,
      config: loadConfig({ FYR_LOG_LEVEL: "silent" }),
      out: (l: string) => out.push(l),
      err: (l: string) => out.push(`ERR ${l}`),
      readStdin: async () => "",
    };
    const command = vulnerabilityCommands["vuln import"];
    expect(await command?.run(["--kev", file], io)).toBe(0);
    expect(JSON.parse(out.at(-1) ?? "{}")).toMatchObject({ kind: "kev", read: 1, inserted: 1 });
    expect(await command?.run(["--kev", file, "--epss", file], io)).toBe(64);
  });
});

describe("who sees what", () => {
  it("lists the incidents holding the CVE as far as the reader may see them (TLP:RED hidden)", async () => {
    const cve = uniqueCve();
    await importKev(system(), bytesOf(kevCatalogue([kevEntry({ cve })])), "k.json");
    const amber = await incidentHolding(app, [{ type: "cve", value: cve }], new Date());
    const red = await incidentHolding(app, [{ type: "cve", value: cve }], new Date(), { tlp: "TLP:RED" });
    const page = await get<Vulnerability>(observer, `/api/v1/vulnerabilities/${cve}`);
    expect(page.incidents.map((i) => i.reference)).toEqual([amber.reference]);
    expect(JSON.stringify(page)).not.toContain(red.reference);
  });

  it("lets observers read and not write; publishers and members not at all", async () => {
    const publisher = (await createTokenFor(app(), { roles: ["publisher"] })).token;
    expect((await call(publisher, "GET", "/api/v1/vulnerabilities")).statusCode).toBe(403);
    expect(
      (await call(observer, "POST", "/api/v1/osint/sources", { name: "x", url: "https://example.org/feed" }))
        .statusCode,
    ).toBe(403);
    expect((await call(analyst, "GET", "/api/v1/vulnerabilities/daily")).statusCode).toBe(200);
  });
});
