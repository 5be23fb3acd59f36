import { createReadStream } from "node:fs";
import { runFeedFile } from "../server/features/feeds/run-feed-file.js";
import { systemActor } from "../server/platform/auth/actor.js";
import { systemClock } from "../server/platform/clock.js";
import { openDatabase } from "../server/platform/db/connect.js";
import { createBlobStore } from "../server/platform/files/blobs.js";

// The importing process of the feeds benchmark (bench/feeds.ts), on its own so that its peak RSS is
// the import's, not the generator's or the benchmark's: `tsx bench/feeds-import.ts URL FILE BLOBS`.
// Prints one JSON line: seconds, events stored, malformed rows, RSS at start and at its peak.

const [url = "", file = "", blobs = ""] = process.argv.slice(2);
const handle = await openDatabase({ kind: "postgres", url, poolSize: 8 });
const startRss = process.memoryUsage().rss;
let peakRss = startRss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const started = performance.now();
const run = await runFeedFile(
  { db: handle.db, actor: systemActor("bench"), clock: systemClock, blobs: createBlobStore(blobs) },
  { source: "bench", fileName: "2026-11-30-scan_rdp-se.csv", via: "cli", body: createReadStream(file) },
);
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
await handle.close();
console.log(JSON.stringify({ seconds, stored: run.events_stored, malformed: run.malformed, startRss, peakRss }));
