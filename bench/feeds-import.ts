import { createReadStream, readFileSync } from "node:fs";
import { sql } from "kysely";
import { runFeedFile } from "../server/features/feeds/run-feed-file.js";
import { systemActor } from "../server/platform/auth/actor.js";
import { systemClock } from "../server/platform/clock.js";
import { openDatabase } from "../server/platform/db/connect.js";
import { createBlobStore } from "../server/platform/files/blobs.js";

// The importing process of the feeds benchmark (bench/feeds.ts), on its own so that its peak RSS is
// the import's, not the generator's or the benchmark's: `tsx bench/feeds-import.ts URL FILE BLOBS`.
// Prints one JSON line: seconds, CPU seconds of this process and of its database backends, events stored, malformed rows, RSS at start and at its peak.

const [url = "", file = "", blobs = ""] = process.argv.slice(2);
const handle = await openDatabase({ kind: "postgres", url, poolSize: 8 });
const startRss = process.memoryUsage().rss;
let peakRss = startRss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const cpu = process.cpuUsage();
const started = performance.now();
const run = await runFeedFile(
  { db: handle.db, actor: systemActor("bench"), clock: systemClock, blobs: createBlobStore(blobs) },
  { source: "bench", fileName: "2026-11-30-scan_rdp-se.csv", via: "cli", body: createReadStream(file) },
);
const seconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
const cpuSeconds = (used.user + used.system) / 1e6;
clearInterval(sampler);
// The database's CPU seconds on the import's behalf: its backends of this (scratch) database, read from
// /proc while they live (the server runs on this machine); 0 when they cannot be read.
const backends = await sql<{
  pid: number;
}>`select pid from pg_stat_activity where datname = current_database()`.execute(handle.db);
const ticks = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
};
const databaseCpuSeconds = backends.rows.reduce((sum, r) => sum + ticks(r.pid), 0) / 100;
await handle.close();
console.log(
  JSON.stringify({
    seconds,
    cpuSeconds,
    databaseCpuSeconds,
    stored: run.events_stored,
    malformed: run.malformed,
    startRss,
    peakRss,
  }),
);
