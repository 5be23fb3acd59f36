import { spawnSync } from "node:child_process";
import { createWriteStream, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { once } from "node:events";
import { insertSource } from "../server/features/feeds/sources-store.js";
import { openDatabase } from "../server/platform/db/connect.js";
import { migrate } from "../server/platform/db/migrate.js";
import { z } from "zod";
import { ROOT, scratchDatabase, tempDataDir } from "./lib/server.js";

// Issue 15: a synthetic Shadowserver scan_rdp report of BENCH_FEEDS_ROWS rows (1,000,000, ~300 MB, the
// columns of the shared sample's header) imported through runFeedFile on PostgreSQL: stored compressed,
// parsed, normalised, deduplicated, stored. Beside it, in the same run, the ceiling: PostgreSQL's own
// COPY of the same file into a plain table of text columns (psql's \copy, the COPY protocol over the
// same socket). Prints rows/s of each, their ratio (the aim: ≥ 0.25) and the import's peak RSS (< 300 MB),
// measured in a process of its own (feeds-import.ts) that does nothing but the import, with the CPU
// seconds it and its PostgreSQL backends used (the machine may be shared: wall time alone misleads).
// For looking closer: BENCH_CPU_PROF=DIR (a CPU profile of the import), BENCH_NODE_FLAGS="--trace-gc …"
// (flags of the importing node), BENCH_CHILD_OUT=FILE (its stdout kept).

const ROWS = Number(process.env.BENCH_FEEDS_ROWS ?? 1_000_000);
const SAMPLE = join(ROOT, "server/features/feeds/shadowserver/samples/scan_rdp.csv");

/** Writes the report: the sample's header, and rows like its first with their own address and time. */
export async function writeReport(path: string): Promise<void> {
  const [header = ""] = readFileSync(SAMPLE, "utf8").split("\n");
  const out = createWriteStream(path);
  const base = Date.UTC(2026, 10, 30);
  let chunk = `${header}\n`;
  for (let i = 0; i < ROWS; i += 1) {
    const ip = `${10 + ((i >>> 24) & 63)}.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}`;
    const time = new Date(base + (i % 86_400) * 1000).toISOString().slice(0, 19).replace("T", " ");
    const fp = (i * 2654435761).toString(16).padStart(8, "0").toUpperCase();
    chunk +=
      `"${time}","${ip}",3389,,"rdp",,${64500 + (i % 500)},"SE","STOCKHOLM","STOCKHOLM","RDP",2048,` +
      `"host-${i}.example.se","host-${i}.example.se","2026-04-29 02:22:06","2027-04-29 02:22:06",` +
      `"EC:BB:4D:DB:9F:0C:D3:FF:5B:49:EA:B1:56:62:${fp}","1EF2B37AF850C9BF${fp}",2,"sha256WithRSAEncryption",` +
      `"rsaEncryption","B7:C9:F4:07:D5:C0:75:1D:EA:0C:40:E7:26:39:C2:30:${fp}",,"BC:6E:C3:E2:98:22:EC:BA:5B:30:E2:53:${fp}",` +
      `517311,0,,"Y","TLS_AES_256_GCM_SHA384","N","N","2ad2ad16d2ad2ad22c42d42d000000${fp}"\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}

function copyCeiling(url: string, path: string, columns: number): number {
  const cols = Array.from({ length: columns }, (_, i) => `c${i} text`).join(", ");
  const psql = (command: string) => {
    const r = spawnSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", command], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
  };
  psql(`create table copy_ceiling (${cols})`);
  const started = performance.now();
  psql(`\\copy copy_ceiling from '${path}' with (format csv, header true)`);
  const seconds = (performance.now() - started) / 1000;
  psql("drop table copy_ceiling");
  return ROWS / seconds;
}

export async function feedsBench(): Promise<void> {
  const dir = tempDataDir();
  const file = join(dir, "2026-11-30-scan_rdp-se.csv");
  await writeReport(file);
  const size = statSync(file).size;
  const scratch = await scratchDatabase();
  const handle = await openDatabase({ kind: "postgres", url: scratch.url, poolSize: 8 });
  try {
    await migrate(handle);
    await insertSource(handle.db, { name: "bench", format: "shadowserver", report_type: "scan_rdp" });
    // Closed before the import: the child process holds the connections it measures with.
    await handle.close();
    const child = spawnSync(
      "node",
      [
        // BENCH_CPU_PROF=DIR: the importing process writes a CPU profile there (node --cpu-prof).
        ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
        ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(" ") : []),
        "--import",
        "tsx",
        join(ROOT, "bench/feeds-import.ts"),
        scratch.url,
        file,
        join(dir, "blobs"),
      ],
      {
        encoding: "utf8",
        cwd: ROOT,
        maxBuffer: 1 << 26,
      },
    );
    if (child.status !== 0) throw new Error(`feeds import: ${child.stderr}`);
    if (process.env.BENCH_CHILD_OUT) writeFileSync(process.env.BENCH_CHILD_OUT, child.stdout);
    const measured = z
      .object({
        seconds: z.number(),
        cpuSeconds: z.number(),
        databaseCpuSeconds: z.number(),
        stored: z.number(),
        malformed: z.number(),
        startRss: z.number(),
        peakRss: z.number(),
      })
      .parse(JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}"));
    const { seconds, peakRss: peak, startRss } = measured;
    const run = { events_stored: measured.stored, malformed: measured.malformed };
    const header = readFileSync(SAMPLE, "utf8").split("\n")[0]?.split(",").length ?? 32;
    const ceiling = copyCeiling(scratch.url, file, header);
    const rate = run.events_stored / seconds;
    console.log(`feeds: ${ROWS.toLocaleString("en")} rows, ${(size / 1e6).toFixed(0)} MB (scan_rdp), PostgreSQL`);
    console.log(
      `  import (runFeedFile)   ${Math.round(rate).toLocaleString("en")} events/s  (${seconds.toFixed(1)} s, ${measured.cpuSeconds.toFixed(1)} CPU-s importing + ${measured.databaseCpuSeconds.toFixed(1)} in PostgreSQL, ${run.events_stored} stored, ${run.malformed} malformed)`,
    );
    console.log(
      `  peak RSS               ${(peak / 2 ** 20).toFixed(0)} MB  (aim < 300 MB; the importing process, ${(startRss / 2 ** 20).toFixed(0)} MB before it read)`,
    );
    console.log(
      `  ceiling: COPY          ${Math.round(ceiling).toLocaleString("en")} rows/s  (the same file into a plain table)`,
    );
    console.log(`  ratio                  ${(rate / ceiling).toFixed(3)}  (aim ≥ 0.25)`);
  } finally {
    await handle.close().catch(() => undefined);
    await scratch.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
