import { rmSync } from "node:fs";
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import type { TypedValue } from "../contract/observables.js";
import { type NewSighting, recordSightings } from "../server/features/observables/record-sightings.js";
import { newApiToken, sha256Hex } from "../server/platform/auth/secrets.js";
import { openDatabase } from "../server/platform/db/connect.js";
import { CORRELATION_SIZES, correlationSeedStatements } from "./lib/correlation-seed.js";
import { fyrCli, scratchDatabase, startFyr, tempDataDir } from "./lib/server.js";
import { prng, percentile } from "./lib/stats.js";

// Issue 5 on PostgreSQL, with 10,000,000 sightings of 2,000,000 values. Targets: a new report with 100
// values gets its related list in p95 < 30 ms; an incident with 1,000 values in p95 < 100 ms; sightings
// are written at ≥ 50,000/s in bulk. Requests as a non-admin analyst (TLP conditions in every query)
// through the real HTTP server. BENCH_CORRELATION_DB_URL reuses a seeded database; BENCH_KEEP_DB=1 keeps it.
const PORT = 18_095;
const BASE = `http://127.0.0.1:${PORT}`;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const BULK_SIGHTINGS = 300_000;

interface Row {
  name: string;
  "p50 ms": number | string;
  "p95 ms": number | string;
  result: string;
  target: string;
  ok: string;
}

const random = prng(5);

/** A value as the seed writes value number n (bench/lib/correlation-seed.ts). */
function seededValue(n: number): TypedValue {
  if (n % 3 === 0) return { type: "ipv4", value: `45.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` };
  if (n % 3 === 1) return { type: "domain", value: `host-${n}.bench-corp.se` };
  return { type: "sha256", value: sha256Hex(String(n)) };
}
const skewedExisting = () => seededValue(1 + Math.floor(CORRELATION_SIZES.values * random() ** 2));
const fresh = (tag: string) =>
  ({ type: "domain", value: `new-${tag}-${randomBytes(6).toString("hex")}.bench-new.se` }) as TypedValue;

/** n values: 70 % already seen elsewhere (skewed), 30 % new. */
function caseValues(n: number, tag: string): TypedValue[] {
  const out = new Map<string, TypedValue>();
  while (out.size < n) {
    const v = random() < 0.7 ? skewedExisting() : fresh(tag);
    out.set(`${v.type} ${v.value}`, v);
  }
  return [...out.values()];
}

async function timeGets(token: string, paths: string[]): Promise<number[]> {
  const get = async (path: string) => {
    const t = performance.now();
    const res = await fetch(`${BASE}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${text.slice(0, 300)}`);
    return performance.now() - t;
  };
  for (const p of paths.slice(0, 10)) await get(p); // warm-up (the first two rows are warmed on other cases too)
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) times.push(await get(paths[i % paths.length] ?? ""));
  return times.sort((a, b) => a - b);
}

function latencyRow(name: string, times: number[], target: number, extra = ""): Row {
  const p95 = percentile(times, 0.95);
  return {
    name,
    "p50 ms": percentile(times, 0.5),
    "p95 ms": p95,
    result: extra,
    target: `p95 < ${target} ms`,
    ok: p95 < target ? "yes" : "NO",
  };
}

async function seed(client: pg.Client, userId: string): Promise<void> {
  const started = performance.now();
  for (const statement of correlationSeedStatements(userId)) {
    const t = performance.now();
    const r = await client.query(statement);
    const what = statement.trim().split(/\s+/).slice(0, 3).join(" ");
    console.log(
      `  ${what.padEnd(34)} ${String(r.rowCount ?? "").padStart(9)} rows ${Math.round(performance.now() - t)} ms`,
    );
  }
  await client.query("vacuum analyze");
  console.log(`  seed total ${Math.round((performance.now() - started) / 1000)} s`);
}

/** Runs the correlation benchmark and prints its table. */
export async function correlationBench(): Promise<Row[]> {
  const reuse = process.env.BENCH_CORRELATION_DB_URL;
  const scratch = reuse ? { url: reuse, drop: async () => undefined } : await scratchDatabase();
  const dataDir = tempDataDir();
  const env = { DATABASE_URL: scratch.url, PORT: String(PORT), FYR_ROLES: "staff", FYR_DATA_DIR: dataDir };
  const client = new pg.Client({ connectionString: scratch.url });
  const handle = await openDatabase({ kind: "postgres", url: scratch.url, poolSize: 3 });
  const rows: Row[] = [];
  const add = (row: Row) => {
    rows.push(row);
    console.log(`  ${row.name}: ${row.result || `p50 ${row["p50 ms"]} ms, p95 ${row["p95 ms"]} ms`}`);
  };
  try {
    if (!reuse) fyrCli(["migrate"], env);
    await client.connect();
    const user = await client.query<{ id: string }>(
      `insert into users (email, name, roles) values ('bench-correlation@bench.example', 'Bench', '{analyst}')
       on conflict (email) do update set name = excluded.name returning id`,
    );
    const userId = user.rows[0]?.id ?? "";
    const token = newApiToken();
    await client.query(`insert into api_tokens (user_id, label, token_hash) values ($1, 'bench', $2)`, [
      userId,
      sha256Hex(token),
    ]);
    if (!reuse) {
      console.log(`\nSeeding ${JSON.stringify(CORRELATION_SIZES)}`);
      await seed(client, userId);
    }
    const counts = await client.query<{ o: string; s: string }>(
      `select (select count(*) from observables) o, (select count(*) from sightings) s`,
    );
    console.log(`  observables ${counts.rows[0]?.o}, sightings ${counts.rows[0]?.s}`);
    const cases = await client.query<{ id: string }>(
      `select id from reports where reference like 'BENCH-R-%' order by random() limit 20000`,
    );
    const caseIds = cases.rows.map((r) => r.id);

    // Bulk: what a day of intake or a feed import writes — new cases, 100 values each (70 % seen before,
    // skewed; 30 % new), in transactions of 10,000 sightings. Then the same on 20,000 existing cases
    // picked at random, the worst case for the case index (no target).
    const newCases = await client.query<{ id: string }>(
      `insert into reports (reference, channel, what_happened, follow_up_token_hash, received_at)
       select 'BENCH-BULK-' || md5(random()::text), 'web', 'bulk', md5(random()::text), now()
       from generate_series(1, ${(2 * BULK_SIGHTINGS) / 100}) returning id`,
    );
    const now = new Date();
    // A message of 100 values per case (a new source: its sightings are all new).
    const bulkOn = (ids: string[], tag: string): NewSighting[] => {
      const messages = ids.map(() => randomUUID());
      return Array.from({ length: BULK_SIGHTINGS }, (_, i) => {
        const n = Math.floor(i / 100) % ids.length;
        const value = random() < 0.7 ? skewedExisting() : fresh(tag);
        const [caseId, originId] = [ids[n] ?? "", messages[n] ?? ""];
        return { value, caseKind: "report", caseId, origin: "report-message", originId, seenAt: now };
      });
    };
    // Transactions of 10,000 sightings, `writers` at once: the job worker runs up to
    // FYR_WORKER_CONCURRENCY (4) extraction jobs at a time, and a writer leaves a core idle while Node
    // prepares its next batch.
    // Each run starts right after a checkpoint: the worst case for full-page images, and the same every
    // time (a checkpoint falling inside a run made runs differ by half).
    const writeBulk = async (bulk: NewSighting[], writers: number) => {
      await client.query("checkpoint");
      const started = performance.now();
      let written = 0;
      let next = 0;
      const writer = async () => {
        for (let start = next; start < bulk.length; start = next) {
          next += 10_000;
          const batch = bulk.slice(start, start + 10_000);
          const n = await handle.db.transaction().execute((tx) => recordSightings(tx, batch));
          written += n; // not `written += await …`: that reads `written` before the other writer adds to it
        }
      };
      await Promise.all(Array.from({ length: writers }, writer));
      return { perSecond: Math.round(written / ((performance.now() - started) / 1000)), written };
    };
    const ids = newCases.rows.map((r) => r.id);
    const bulkRow = (name: string, r: { perSecond: number; written: number }, target: boolean): Row => ({
      name,
      "p50 ms": "—",
      "p95 ms": "—",
      result: `${r.perSecond.toLocaleString("en")} /s (${r.written.toLocaleString("en")} rows)`,
      target: target ? "≥ 50,000 /s" : "(no target)",
      ok: target ? (r.perSecond >= 50_000 ? "yes" : "NO") : "—",
    });
    const size = BULK_SIGHTINGS.toLocaleString("en");
    add(
      bulkRow(
        `bulk: ${size} on new cases, one writer`,
        await writeBulk(bulkOn(ids.slice(0, ids.length / 2), "b1"), 1),
        false,
      ),
    );
    add(
      bulkRow(
        `bulk: ${size} on new cases, two writers`,
        await writeBulk(bulkOn(ids.slice(ids.length / 2), "b2"), 2),
        true,
      ),
    );
    add(
      bulkRow(
        `bulk: ${size} on existing cases at random, two writers`,
        await writeBulk(bulkOn(caseIds, "old"), 2),
        false,
      ),
    );
    // What autovacuum does in production between writes and reads: marks the new pages all-visible, so
    // the panels' index-only scans stay index-only.
    await client.query("vacuum analyze sightings");
    await client.query("vacuum analyze observables");

    // New reports with 100 values each, and big incidents with 1,000.
    const newReports: string[] = [];
    // 20 more than measured: a fresh server's first requests (code not yet optimised, connections not yet
    // open) are warmed on those, not on the measured cases' data.
    for (let i = 0; i < 120; i++) {
      const ref = `BENCH-NEW-${randomBytes(4).toString("hex").toUpperCase()}`;
      const r = await client.query<{ id: string }>(
        `insert into reports (reference, channel, what_happened, follow_up_token_hash, received_at)
         values ($1, 'web', 'new', $2, now()) returning id`,
        [ref, randomBytes(16).toString("hex")],
      );
      const id = r.rows[0]?.id ?? "";
      const sightings = caseValues(100, "r").map((value) => ({
        value,
        caseKind: "report" as const,
        caseId: id,
        origin: "report" as const,
        originId: id,
        seenAt: now,
      }));
      await handle.db.transaction().execute((tx) => recordSightings(tx, sightings));
      newReports.push(ref);
    }
    const bigIncidents: string[] = [];
    for (let i = 0; i < 20; i++) {
      const ref = `BENCH-BIG-${randomBytes(4).toString("hex").toUpperCase()}`;
      const r = await client.query<{ id: string }>(
        `insert into incidents (reference, title, severity, created_at, updated_at) values ($1, 'big', 'high', now(), now()) returning id`,
        [ref],
      );
      const id = r.rows[0]?.id ?? "";
      const sightings = caseValues(1000, "i").map((value) => ({
        value,
        caseKind: "incident" as const,
        caseId: id,
        origin: "note" as const,
        originId: id,
        seenAt: now,
      }));
      await handle.db.transaction().execute((tx) => recordSightings(tx, sightings));
      bigIncidents.push(ref);
    }
    await client.query("vacuum analyze sightings");
    await client.query("vacuum analyze observables");
    await client.query("checkpoint"); // not during the requests

    const warmUp = newReports.splice(100);
    const fyr = await startFyr(env);
    try {
      await timeGets(
        token,
        warmUp.flatMap((r) => [`/api/v1/reports/${r}/related`, `/api/v1/reports/${r}/related?cidr=true`]),
      );
      rows.push(
        latencyRow(
          "related: new report, 100 values",
          await timeGets(
            token,
            newReports.map((r) => `/api/v1/reports/${r}/related`),
          ),
          30,
        ),
      );
      rows.push(
        latencyRow(
          "related: new report, 100 values, CIDR on",
          await timeGets(
            token,
            newReports.map((r) => `/api/v1/reports/${r}/related?cidr=true`),
          ),
          30,
        ),
      );
      rows.push(
        latencyRow(
          "related: incident, 1,000 values",
          await timeGets(
            token,
            bigIncidents.map((r) => `/api/v1/incidents/${r}/related`),
          ),
          100,
        ),
      );
      rows.push(
        latencyRow(
          "related: incident, 1,000 values, CIDR on",
          await timeGets(
            token,
            bigIncidents.map((r) => `/api/v1/incidents/${r}/related?cidr=true`),
          ),
          100,
        ),
      );
      const common = seededValue(1).value;
      rows.push(
        latencyRow(
          "observable page: the commonest value",
          await timeGets(token, [`/api/v1/observables?value=${common}`]),
          100,
          "(no target)",
        ),
      );
    } finally {
      await fyr.stop();
    }
    console.log(`\nCorrelation on PostgreSQL (${REQUESTS} requests per row, as an analyst)`);
    console.table(rows);
    return rows;
  } finally {
    await client.end().catch(() => undefined);
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (process.env.BENCH_KEEP_DB === "1") console.log(`kept ${scratch.url}`);
    else await scratch.drop();
  }
}
