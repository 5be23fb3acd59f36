import { spawn, spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { once } from "node:events";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { ROOT, ensureBuilt, fyrCli, scratchDatabase, tempDataDir } from "./lib/server.js";

// Issue 14: a RIPE import of RIPE-like split files of 1 GB together (BENCH_RIPE_MB) on PostgreSQL,
// through the compiled `fyr constituency import`, its resident memory sampled every 20 ms. The mix is
// the real database's, roughly: mostly inetnum (half of them assignments without org:), inet6num,
// some organisation, role and aut-num objects, routes nobody imports, and every object with the
// attributes an import never reads (descr, remarks, mnt-*, created, …). Two runs: one country (what a
// national CERT does: 10 % of the objects are Swedish) and everything. Ceilings: the same bytes read
// through Node with no parsing, and PostgreSQL's COPY of as many staged rows as the run wrote.

const MB = Number(process.env.BENCH_RIPE_MB ?? 1024);
const TARGET_BYTES = MB * 1024 * 1024;
const COUNTRIES = ["DE", "GB", "FR", "NL", "IT", "RU", "ES", "PL", "NO", "DK", "FI", "UA", "CH", "AT", "BE"];

/** A small deterministic generator, so every run reads the same files. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ip = (n: number) => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
const TAIL = `mnt-by:         EXAMPLE-MNT
mnt-lower:      EXAMPLE-MNT
created:        2007-10-15T10:00:00Z
last-modified:  2019-04-01T08:00:00Z
source:         RIPE
`;

interface Generated {
  files: string[];
  objects: number;
  orgs: number;
}

export async function writeFiles(dir: string): Promise<Generated> {
  const rnd = random(14);
  const orgCount = Math.max(100, Math.round(TARGET_BYTES / 25_000));
  const orgCountry = (i: number) => (i % 10 === 0 ? "SE" : (COUNTRIES[i % COUNTRIES.length] ?? "DE"));
  const out = { files: [] as string[], objects: 0, orgs: orgCount };
  let written = 0;
  const write = async (name: string, produce: () => Generator<string>) => {
    const path = join(dir, name);
    // Objects in 1 MB chunks through a pipeline: the generator waits for the disk.
    async function* chunks() {
      let buffer = "";
      for (const text of produce()) {
        buffer += text;
        out.objects += 1;
        if (buffer.length > 1 << 20) {
          written += buffer.length;
          yield buffer;
          buffer = "";
        }
      }
      written += buffer.length;
      yield buffer;
    }
    await pipeline(Readable.from(chunks()), createWriteStream(path, { highWaterMark: 1 << 20 }));
    out.files.push(path);
  };
  const more = () => written < TARGET_BYTES;
  const header = "% The RIPE Database is subject to Terms and Conditions.\n\n";
  await write("ripe.db.organisation", function* () {
    yield header;
    out.objects -= 1;
    for (let i = 0; i < orgCount; i += 1) {
      yield `organisation:   ORG-B${i}-RIPE\norg-name:       Bench Organisation ${i} AB\ncountry:        ${orgCountry(i)}
org-type:       LIR\naddress:        Storgatan ${i}\naddress:        Stockholm\nphone:          +46 8 000 00 00
abuse-c:        AB${i}-RIPE\nadmin-c:        P${i}-RIPE\nmnt-ref:        EXAMPLE-MNT\n${TAIL}\n`;
    }
  });
  await write("ripe.db.role", function* () {
    for (let i = 0; i < orgCount; i += 1) {
      yield `role:           Bench Abuse ${i}\naddress:        Storgatan ${i}\nabuse-mailbox:  abuse@org${i}.example
nic-hdl:        AB${i}-RIPE\nadmin-c:        P${i}-RIPE\ntech-c:         P${i}-RIPE\n${TAIL}\n`;
    }
  });
  await write("ripe.db.aut-num", function* () {
    for (let i = 0; i < orgCount / 2; i += 1) {
      yield `aut-num:        AS${64_000 + i}\nas-name:        BENCH-${i}\norg:            ORG-B${i * 2}-RIPE
import:         from AS1299 accept ANY\nexport:         to AS1299 announce AS${64_000 + i}\nadmin-c:        P${i}-RIPE\ntech-c:         P${i}-RIPE\n${TAIL}\n`;
    }
  });
  await write("ripe.db.route", function* () {
    for (let i = 0; i < orgCount; i += 1) {
      yield `route:          ${ip(0x0a000000 + i * 256)}/24\ndescr:          Bench route\norigin:         AS${64_000 + i}\n${TAIL}\n`;
    }
  });
  await write("ripe.db.inet6num", function* () {
    for (let i = 0; i < orgCount * 2; i += 1) {
      const org = Math.floor(rnd() * orgCount);
      yield `inet6num:       2001:${(0x1000 + (i >> 16)).toString(16)}:${(i & 0xffff).toString(16)}::/48\nnetname:        BENCH-V6-${i}
descr:          Bench IPv6 network\ncountry:        ${orgCountry(org)}\norg:            ORG-B${org}-RIPE\nadmin-c:        P${org}-RIPE
tech-c:         P${org}-RIPE\nstatus:         ASSIGNED\n${TAIL}\n`;
    }
  });
  // Everything left to the target size: inetnums, a /24 each, half of them without org:.
  await write("ripe.db.inetnum", function* () {
    for (let i = 0; more(); i += 1) {
      const org = Math.floor(rnd() * orgCount);
      const first = 0x20000000 + i * 256;
      const withOrg = (i & 1) === 0 ? `org:            ORG-B${org}-RIPE\n` : "";
      const remarks =
        i % 5 === 0 ? "remarks:        Abuse reports to the abuse-c, please\nremarks:        +continued remark\n" : "";
      yield `inetnum:        ${ip(first)} - ${ip(first + 255)}\nnetname:        BENCH-NET-${i}
descr:          Bench customer ${i}\ndescr:          Somewhere\ncountry:        ${orgCountry(org)}\n${withOrg}admin-c:        P${org}-RIPE
tech-c:         P${org}-RIPE\nstatus:         ${withOrg === "" ? "ASSIGNED PA" : "ALLOCATED PA"}\n${remarks}mnt-routes:     EXAMPLE-MNT\n${TAIL}\n`;
    }
  });
  return out;
}

function rssOf(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** Runs the import in its own process; answers its time, peak RSS and the JSON line it printed. */
async function runImport(
  env: Record<string, string>,
  args: string[],
): Promise<{ ms: number; peak: number; result: { objectsRead: number; counts: Record<string, { added: number }> } }> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, "dist/server/cli.js"), "constituency", "import", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(child.pid ?? 0))), 20);
  let stdout = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  const [code] = (await once(child, "exit")) as [number];
  clearInterval(timer);
  if (code !== 0) throw new Error(`fyr constituency import exited ${code}: ${stdout.slice(-2000)}`);
  process.stdout.write(
    stdout
      .split("\n")
      .slice(0, -2)
      .map((l) => `    ${l}\n`)
      .join(""),
  );
  return { ms: performance.now() - started, peak, result: JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") };
}

/** The bytes through Node at the import's chunk size, nothing else: what reading alone costs. */
async function readCeiling(files: string[]): Promise<number> {
  const started = performance.now();
  for (const file of files) for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) void chunk;
  return performance.now() - started;
}

/** PostgreSQL's COPY of `rows` staged-like rows into the staging table: the database's ceiling. */
async function copyCeiling(url: string, dir: string, rows: number): Promise<number> {
  const tsv = join(dir, "copy.tsv");
  const stream = createWriteStream(tsv);
  let text = "";
  for (let i = 0; i < rows; i += 1) {
    const first = 0x20000000 + i * 256;
    text += `00000000-0000-7000-8000-000000000000\tnetwork\t${ip(first)}/24\tORG-B${i % 1000}-RIPE\t0\t${i}\t${ip(first)}\t${ip(first + 255)}\t${ip(first)}/24\tSE\n`;
    if (text.length > 1 << 20) {
      if (!stream.write(text)) await once(stream, "drain");
      text = "";
    }
  }
  stream.end(text);
  await once(stream, "finish");
  const started = performance.now();
  const r = spawnSync(
    "psql",
    [
      url,
      "-c",
      `\\copy constituency_import_rows (import_id, kind, source_key, org_key, file_index, line, first_address, last_address, label, country) from '${tsv}'`,
    ],
    { encoding: "utf8" },
  );
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`psql \\copy failed: ${r.stderr}`);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query("delete from constituency_import_rows");
  await c.end();
  return ms;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const perS = (n: number, ms: number) => Math.round(n / (ms / 1000));

export async function constituencyImportBench(): Promise<void> {
  ensureBuilt();
  const dir = tempDataDir();
  const db = await scratchDatabase();
  try {
    console.log(`\nconstituency-import: RIPE-like split files of ${MB} MB together, PostgreSQL, compiled CLI`);
    let t = performance.now();
    const gen = await writeFiles(dir);
    const size = gen.files.reduce((s, f) => s + statSync(f).size, 0);
    console.log(
      `  generated ${mb(size)} MB, ${gen.objects.toLocaleString("en")} objects (${gen.orgs} organisations) in ${Math.round((performance.now() - t) / 1000)} s`,
    );
    const env = { DATABASE_URL: db.url, FYR_LOG_LEVEL: "warn", FYR_DATA_DIR: join(dir, "data") };
    fyrCli(["migrate"], env);
    const readMs = await readCeiling(gen.files);
    const rows: string[] = [];
    let staged = 0;
    // BENCH_RIPE_SCENARIOS=country skips the unfiltered run (a million networks written: minutes).
    const scenarios = (process.env.BENCH_RIPE_SCENARIOS ?? "country,all").split(",");
    for (const [label, args] of [
      ["--country SE", ["--country", "SE"]],
      ["everything", []],
    ] as const) {
      if (!scenarios.includes(label === "everything" ? "all" : "country")) continue;
      const run = await runImport(env, ["--format", "ripe", ...args, ...gen.files]);
      const written = Object.values(run.result.counts).reduce((s, c) => s + c.added, 0);
      staged = Math.max(staged, written);
      rows.push(
        `  ${label.padEnd(14)} ${perS(run.result.objectsRead, run.ms).toLocaleString("en").padStart(9)} objects/s` +
          `  ${(run.ms / 1000).toFixed(1).padStart(6)} s  peak RSS ${mb(run.peak)} MB  ${written.toLocaleString("en")} records written` +
          `  (${(perS(run.result.objectsRead, run.ms) / perS(gen.objects, readMs)).toFixed(2)} of the read ceiling)`,
      );
    }
    t = performance.now();
    const copyMs = await copyCeiling(db.url, dir, staged);
    rows.push(
      `  ceiling: read only ${perS(gen.objects, readMs).toLocaleString("en")} objects/s (${perS(mb(size), readMs)} MB/s);` +
        ` COPY ${perS(staged, copyMs).toLocaleString("en")} rows/s (${staged.toLocaleString("en")} rows in ${(copyMs / 1000).toFixed(1)} s)`,
    );
    for (const row of rows) console.log(row);
    console.log(`  target: >= 50,000 objects/s, peak RSS < 300 MB`);
  } finally {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
