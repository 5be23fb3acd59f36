import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { opendir, readFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import { importCves, importKev } from "../server/features/vulnerabilities/run-import.js";
import { cveRecord, kevCatalogue, kevEntry } from "../server/features/vulnerabilities/vulnerabilities.test-fixtures.js";
import { systemActor } from "../server/platform/auth/actor.js";
import { systemClock } from "../server/platform/clock.js";
import { loadConfig } from "../server/platform/config.js";
import { type DatabaseHandle, openDatabase } from "../server/platform/db/connect.js";
import { migrate } from "../server/platform/db/migrate.js";
import { scratchDatabase, tempDataDir } from "./lib/server.js";

// Issue 16: importing the full KEV catalogue (< 5 s) and 250,000 CVE records (< 5 minutes, bounded
// memory). The catalogue is BENCH_KEV_ENTRIES synthetic entries (2,000: CISA's has ~1,500) streamed from
// one file; the records are BENCH_CVE_RECORDS files in the cvelistV5 layout, shaped like the samples
// (CNA CVSS 3.1, an ADP score for every third, affected products with CPEs and versions). Beside each, in
// the same run, the ceiling: reading and JSON-parsing the same bytes without writing anything. PostgreSQL
// (BENCH_VULN_PGLITE=1: the embedded database too). Peak RSS is sampled every 50 ms.

const KEV_ENTRIES = Number(process.env.BENCH_KEV_ENTRIES ?? 2000);
const CVE_RECORDS = Number(process.env.BENCH_CVE_RECORDS ?? 250_000);
const VENDORS = [
  "Microsoft",
  "Apple",
  "Cisco",
  "Fortinet",
  "Ivanti",
  "Palo Alto Networks",
  "Oracle",
  "Adobe",
  "VMware",
  "Citrix",
];

function writeTree(root: string): void {
  for (let i = 0; i < CVE_RECORDS; i += 1) {
    const n = 10_000 + i;
    const id = `CVE-2099-${n}`;
    const dir = join(root, "cves", "2099", `${Math.floor(n / 1000)}xxx`);
    if (i === 0 || n % 1000 === 0) mkdirSync(dir, { recursive: true });
    const vendor = VENDORS[i % VENDORS.length] ?? "Example";
    const product = `Product ${i % 997}`;
    const record = cveRecord({
      cve: id,
      vendor,
      product,
      cvss31: 3 + (i % 70) / 10,
      ...(i % 3 === 0 ? { adpCvss31: 7.5 } : {}),
      cpes: [`cpe:2.3:a:${vendor.toLowerCase().replace(/ /g, "_")}:product_${i % 997}:*:*:*:*:*:*:*:*`],
    });
    writeFileSync(join(dir, `${id}.json`), JSON.stringify(record, null, 2));
  }
}

async function readCeiling(root: string): Promise<number> {
  const started = performance.now();
  let count = 0;
  const walk = async (dir: string): Promise<void> => {
    for await (const entry of await opendir(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name.endsWith(".json")) {
        JSON.parse(await readFile(path, "utf8"));
        count += 1;
      }
    }
  };
  await walk(root);
  return count / ((performance.now() - started) / 1000);
}

function peakSampler(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

async function onDatabase(label: string, handle: DatabaseHandle, kev: string, tree: string): Promise<void> {
  await migrate(handle);
  const ctx = {
    db: handle.db,
    actor: systemActor("bench"),
    clock: systemClock,
    config: loadConfig({ FYR_LOG_LEVEL: "silent" }),
  };
  const load = () => loadavg()[0]?.toFixed(1);
  const bytes = async function* () {
    yield new TextEncoder().encode(kev);
  };
  let started = performance.now();
  const first = await importKev(ctx, bytes(), "kev.json");
  const kevSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  await importKev(ctx, bytes(), "kev.json");
  const again = (performance.now() - started) / 1000;
  started = performance.now();
  const parsed = JSON.parse(kev) as { vulnerabilities: unknown[] };
  const kevCeiling = (performance.now() - started) / 1000;
  console.log(`vulnerabilities (${label}), load ${load()}`);
  console.log(
    `  KEV ${first.read} entries     ${kevSeconds.toFixed(2)} s  (aim < 5 s; again, unchanged: ${again.toFixed(2)} s; JSON.parse alone ${(kevCeiling * 1000).toFixed(0)} ms for ${parsed.vulnerabilities.length})`,
  );
  const sampler = peakSampler();
  started = performance.now();
  const cves = await importCves(ctx, tree);
  const seconds = (performance.now() - started) / 1000;
  const peak = sampler.stop();
  const ceiling = await readCeiling(tree);
  const rate = cves.inserted / seconds;
  console.log(
    `  CVE ${cves.read.toLocaleString("en")} records  ${seconds.toFixed(1)} s, ${Math.round(rate).toLocaleString("en")} records/s  (aim < 300 s; ${cves.rejected} refused), load ${load()}`,
  );
  console.log(`  peak RSS               ${(peak / 2 ** 20).toFixed(0)} MB`);
  console.log(
    `  ceiling: read + parse  ${Math.round(ceiling).toLocaleString("en")} records/s  (ratio ${(rate / ceiling).toFixed(2)})`,
  );
}

export async function vulnerabilitiesBench(): Promise<void> {
  const dir = tempDataDir();
  const tree = join(dir, "cvelistV5");
  const kev = kevCatalogue(
    Array.from({ length: KEV_ENTRIES }, (_, i) =>
      kevEntry({ cve: `CVE-2098-${100_000 + i}`, vendor: VENDORS[i % VENDORS.length], product: `Product ${i % 97}` }),
    ),
  );
  const written = performance.now();
  writeTree(tree);
  console.log(
    `(wrote ${CVE_RECORDS.toLocaleString("en")} record files in ${((performance.now() - written) / 1000).toFixed(0)} s)`,
  );
  try {
    const scratch = await scratchDatabase();
    const handle = await openDatabase({ kind: "postgres", url: scratch.url, poolSize: 8 });
    try {
      await onDatabase("PostgreSQL", handle, kev, tree);
    } finally {
      await handle.close();
      await scratch.drop();
    }
    if (process.env.BENCH_VULN_PGLITE === "1") {
      const data = join(dir, "pglite");
      const embedded = await openDatabase({ kind: "pglite", dataDir: data });
      try {
        await onDatabase("PGlite", embedded, kev, tree);
      } finally {
        await embedded.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
