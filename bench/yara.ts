import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync, readdirSync, rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { checkRuleSource } from "../server/features/yara/check-rule.js";
import { bumpRuleset, insertRule, selectActiveRules } from "../server/features/yara/rules-store.js";
import { type PassMemory, runScanPass } from "../server/features/yara/scan-pass.js";
import { createYaraScanner } from "../server/features/yara/scanner.js";
import { type DatabaseHandle, openDatabase } from "../server/platform/db/connect.js";
import { migrate } from "../server/platform/db/migrate.js";
import { createBlobStore } from "../server/platform/files/blobs.js";
import { createLogger } from "../server/platform/log.js";
import { systemClock } from "../server/platform/clock.js";
import { scratchDatabase, tempDataDir } from "./lib/server.js";
import { prng } from "./lib/stats.js";

// Issue 13: YARA scanning throughput through the real pipeline — files enrolled from the rows that
// hold them, claimed, scanned by the scanner's child process from the blob store, results and
// matches written — over BENCH_YARA_FILES files (1,000) of BENCH_YARA_MB in all (500 MB: one of 200 MB,
// BENCH_YARA_BIG_MB, the rest skewed small), half binary,
// half log text, with 50 rules of every kind (text, nocase/wide, hex with jumps, regular expressions,
// conditions on the header); a few files carry what some rules look for. Then what an idle pass costs
// when BENCH_YARA_IDLE_FILES (100,000) files are known and scanned. BENCH_YARA_PG=1: on PostgreSQL.

const FILES = Number(process.env.BENCH_YARA_FILES ?? 1000);
const TOTAL_MB = Number(process.env.BENCH_YARA_MB ?? 500);
const RULES = 50;
const IDLE_FILES = Number(process.env.BENCH_YARA_IDLE_FILES ?? 100_000);
/** One file this large among them (a memory dump, say): the scanner holds it whole while scanning it. */
const BIG_MB = Number(process.env.BENCH_YARA_BIG_MB ?? 200);
const random = prng(13);
const int = (n: number) => Math.floor(random() * n);
const hexByte = () => int(256).toString(16).padStart(2, "0").toUpperCase();

/** 50 rules of the kinds analysts write; rule i looks for `planted-i-…` among others. */
function benchRules(): string[] {
  return Array.from({ length: RULES }, (_, i) => {
    const name = `bench_rule_${i}`;
    switch (i % 5) {
      case 0:
        return `rule ${name} { strings: $a = "planted-${i}-marker" $b = "powershell -enc" nocase $c = "cmd.exe /c" wide condition: any of them }`;
      case 1:
        return `rule ${name} { strings: $h = { 4D 5A [2-4] ${hexByte()} ${hexByte()} ?? ${hexByte()} } $p = "planted-${i}-marker" condition: $h or $p }`;
      case 2:
        return `rule ${name} { strings: $r = /evil-${i}-[a-z0-9]{4,12}\\.(com|net|ru)/ $p = "planted-${i}-marker" condition: any of them }`;
      case 3:
        return `rule ${name} { strings: $a = "planted-${i}-marker" $b = { ${hexByte()} ${hexByte()} ${hexByte()} ${hexByte()} ${hexByte()} ${hexByte()} } condition: (uint16(0) == 0x5A4D and filesize < 2MB and $b) or $a }`;
      default:
        return `rule ${name} { meta: author = "bench" strings: $a = "planted-${i}-marker" ascii wide $b = "Failed password for ${hexByte()}" condition: #a > 0 or #b > 2 }`;
    }
  });
}

/** File sizes summing to TOTAL_MB: one of BIG_MB, the rest many small and some large (a skewed draw). */
function fileSizes(): number[] {
  const raw = Array.from({ length: FILES - 1 }, () => random() ** 3 + 0.001);
  const sum = raw.reduce((a, b) => a + b, 0);
  const rest = Math.max(TOTAL_MB - BIG_MB, 1) * 1e6;
  return [BIG_MB * 1e6, ...raw.map((r) => Math.max(1024, Math.min(20e6, Math.round((r / sum) * rest))))];
}

const LOG_LINE = (n: number) =>
  `2026-03-01T12:00:${String(n % 60).padStart(2, "0")}Z fw01 sshd[${n}]: Failed password for root from 45.1.${n % 250}.${n % 200} port ${1024 + (n % 60000)} ssh2\n`;

/** One file's bytes: binary (random, with an MZ header) or log text; every 20th carries a rule's marker. */
function fileContent(i: number, size: number): Buffer {
  let body: Buffer;
  if (i % 2 === 0) {
    body = randomBytes(size);
    body.write("MZ", 0, "latin1");
  } else {
    const line = Buffer.from(LOG_LINE(i));
    body = Buffer.alloc(size);
    for (let at = 0; at < size; at += line.length) line.copy(body, at);
  }
  if (i % 20 === 0) body.write(`planted-${i % RULES}-marker`, Math.floor(size / 2), "latin1");
  return body;
}

/**
 * The memory of this process's children (the scanner) now, from /proc: anonymous (its heap and the file it
 * holds while scanning) and file-backed (its code and libraries), and the peak (VmHWM), in MiB.
 */
function childMemory(): { anonMb: number; fileMb: number; hwmMb: number } {
  const out = { anonMb: 0, fileMb: 0, hwmMb: 0 };
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      if (!new RegExp(`^PPid:\\s+${process.pid}$`, "m").test(status)) continue;
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) / 1024;
      out.anonMb = Math.max(out.anonMb, kb("RssAnon"));
      out.fileMb = Math.max(out.fileMb, kb("RssFile"));
      out.hwmMb = Math.max(out.hwmMb, kb("VmHWM"));
    } catch {
      // The process ended meanwhile.
    }
  }
  return out;
}

async function openBenchDatabase(dir: string): Promise<{ handle: DatabaseHandle; drop(): Promise<void> }> {
  if (process.env.BENCH_YARA_PG === "1") {
    const scratch = await scratchDatabase();
    const handle = await openDatabase({ kind: "postgres", url: scratch.url, poolSize: 4 });
    return {
      handle,
      drop: async () => {
        await handle.close();
        await scratch.drop();
      },
    };
  }
  const handle = await openDatabase({ kind: "pglite", dataDir: join(dir, "db") });
  return { handle, drop: () => handle.close() };
}

/** Prints the YARA scanning throughput, memory and the cost of an idle pass. */
export async function yaraBench(): Promise<void> {
  const dir = tempDataDir();
  const logger = createLogger("warn");
  const { handle, drop } = await openBenchDatabase(dir);
  const scanner = createYaraScanner({ timeoutMs: 60_000, logger });
  try {
    await migrate(handle);
    const { db } = handle;
    const blobs = createBlobStore(join(dir, "blobs"));
    const now = new Date();
    const incidentId = randomUUID();
    await sql`insert into incidents (id, reference, title, severity, created_at, updated_at)
      values (${incidentId}, ${`BENCH-INC-${Date.now()}`}, 'YARA bench', 'medium', ${now}, ${now})`.execute(db);

    // The file store: written as intake writes it (streamed into blobs), one incident holding them all.
    const sizes = fileSizes();
    let bytes = 0;
    const hashes: string[] = [];
    for (const [i, size] of sizes.entries()) {
      const stored = await blobs.put(fileContent(i, size));
      hashes.push(stored.sha256);
      bytes += stored.size;
      await sql`insert into incident_attachments (incident_id, filename, content_type, sha256, size, created_at)
        values (${incidentId}, ${`f${i}.bin`}, 'application/octet-stream', ${stored.sha256}, ${stored.size}, ${now})`.execute(
        db,
      );
    }
    for (const [i, source] of benchRules().entries()) {
      const checked = checkRuleSource(source, await selectActiveRules(db));
      await insertRule(db, {
        name: `Bench ${i}`,
        authorId: null,
        tlp: "TLP:AMBER",
        description: "",
        source,
        identifiers: checked.identifiers,
        enabled: true,
        at: now,
      });
    }
    await bumpRuleset(db, now);

    const deps = {
      db,
      clock: systemClock,
      logger,
      blobs,
      scanner,
      node: "bench",
      maxFileBytes: 256 * 1024 * 1024,
      timeoutMs: 60_000,
    };
    const loadBefore = loadavg();
    const cpuBefore = process.cpuUsage();
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const childPeak = { anonMb: 0, fileMb: 0, hwmMb: 0 };
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      const now = childMemory();
      childPeak.anonMb = Math.max(childPeak.anonMb, now.anonMb);
      childPeak.fileMb = Math.max(childPeak.fileMb, now.fileMb);
      childPeak.hwmMb = Math.max(childPeak.hwmMb, now.hwmMb);
    }, 100);
    const started = performance.now();
    let scanned = 0;
    let matches = 0;
    let events = 0;
    while (scanned < FILES) {
      const pass = await runScanPass(deps);
      scanned += pass.scanned;
      matches += pass.matches;
      events += pass.events;
      if (pass.scanned === 0) break;
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const cpu = process.cpuUsage(cpuBefore);
    const loadAfter = loadavg();
    const mb = bytes / 1e6;
    const inScanner = await sql<{
      ms: number;
    }>`select coalesce(sum(duration_ms), 0)::int8 as ms from yara_file_scans`.execute(db);
    const scannerSeconds = Number(inScanner.rows[0]?.ms ?? 0) / 1000;
    console.log(`\nYARA scanning (${handle.kind}), ${RULES} rules, through runScanPass`);
    console.log(
      "| files | MB | s | MB/s | files/s | matches | timeline events | RSS here: before → peak | scanner RSS peak: anonymous / file-backed |",
    );
    console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    const mib = (n: number) => Math.round(n / 2 ** 20);
    console.log(
      `| ${scanned} | ${Math.round(mb)} | ${seconds.toFixed(1)} | ${Math.round(mb / seconds)} | ${Math.round(scanned / seconds)} | ${matches} | ${events} | ${mib(rssBefore)} → ${mib(peakRss)} MiB | ${Math.round(childPeak.hwmMb)} MiB: ${Math.round(childPeak.anonMb)} / ${Math.round(childPeak.fileMb)} MiB |`,
    );
    console.log(
      `largest file ${Math.round(Math.max(...sizes) / 1e6)} MB; time inside the scanner (IPC included) ${scannerSeconds.toFixed(1)} s = ${Math.round(mb / scannerSeconds)} MB/s; this process's CPU ${Math.round((cpu.user + cpu.system) / 1000)} ms`,
    );
    console.log(
      `load average before ${loadBefore.map((l) => l.toFixed(2)).join(", ")}, after ${loadAfter.map((l) => l.toFixed(2)).join(", ")} on ${cpus().length} cores`,
    );

    // An idle pass when many files are known and all scanned: what the background loop costs every 2 s.
    if (IDLE_FILES > 0) {
      await sql`insert into incident_attachments (incident_id, filename, content_type, sha256, size, created_at)
        select ${incidentId}, 'idle.bin', 'application/octet-stream', encode(sha256(g::text::bytea), 'hex'), 1, ${now}
        from generate_series(1, ${IDLE_FILES}) g`.execute(db);
      const version = (await sql<{ v: number }>`select version as v from yara_ruleset`.execute(db)).rows[0]?.v ?? 1;
      await sql`insert into yara_file_scans (sha256, ruleset_version, outcome, enrolled_at)
        select encode(sha256(g::text::bytea), 'hex'), ${version}, 'scanned', ${now}
        from generate_series(1, ${IDLE_FILES}) g on conflict do nothing`.execute(db);
      await sql`analyze`.execute(db);
      const median = async (memory?: PassMemory) => {
        const times: number[] = [];
        for (let i = 0; i < 5; i++) {
          const t = performance.now();
          const pass = await runScanPass(deps, memory);
          times.push(performance.now() - t);
          if (pass.scanned > 0) throw new Error("the idle pass scanned something");
        }
        return Math.round(times.sort((a, b) => a - b)[2] ?? 0);
      };
      const walking = await median();
      const memory: PassMemory = { rowsWritten: null, walkedAt: 0 };
      await runScanPass(deps, memory);
      const gated = await median(memory);
      console.log(
        `idle pass with ${FILES + IDLE_FILES} files known and scanned, every 2 s: ${gated} ms (nothing written since the last walk), ${walking} ms when it walks the file tables (rows written, or once a minute)`,
      );
    }
  } finally {
    await scanner.close();
    await drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
