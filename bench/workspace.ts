import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { buildFyr } from "../server/app.js";
import { newApiToken, sha256Hex } from "../server/platform/auth/secrets.js";
import { systemClock } from "../server/platform/clock.js";
import { loadConfig } from "../server/platform/config.js";
import { type DatabaseHandle, openDatabase } from "../server/platform/db/connect.js";
import { migrate } from "../server/platform/db/migrate.js";
import { createLogger } from "../server/platform/log.js";
import { type SeedSizes, correlationSeedStatements } from "./lib/correlation-seed.js";
import { scratchDatabase } from "./lib/server.js";
import { percentile, prng } from "./lib/stats.js";

// The observables workspace (issue 13) on PGlite and on PostgreSQL, with 1,000,000 sightings of 250,000
// values over 100,000 reports and 10,000 incidents (a tenth TLP:RED, half of those hidden from the
// caller), skewed like real IOCs. Target: a bulk lookup of 10,000 pasted values answers within
// seconds (ceiling 5 s); the index, value search and tagging are measured without targets. Requests go
// to the app in this process (`inject`: the route, its validation, the use case, the database and the
// answer's serialisation; no socket), as a non-admin analyst, so every query runs the TLP policy.
// `npm run bench workspace [-- --pglite | --postgres]`; BENCH_REQUESTS sets requests per row;
// BENCH_WORKSPACE_DB_URL reuses a seeded PostgreSQL database, BENCH_KEEP_DB=1 keeps the one seeded.

const SIZES: SeedSizes = { values: 250_000, sightings: 1_000_000, reports: 100_000, incidents: 10_000 };
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10);
const LOOKUP_CEILING_MS = 5_000;

interface Row {
  name: string;
  "p50 ms": number;
  "p95 ms": number;
  target: string;
  ok: string;
}

const random = prng(13);

/** The text of seeded value number n, as correlation-seed.ts writes it. */
function seededValue(n: number): string {
  if (n % 3 === 0) return `45.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  if (n % 3 === 1) return `host-${n}.bench-corp.se`;
  return sha256Hex(String(n));
}

/** A pasted blocklist of `n` values: 70 % stored (drawn skewed, so common ones too), 30 % never seen. */
function blocklist(n: number): string {
  const lines = new Set<string>();
  while (lines.size < n) {
    lines.add(
      random() < 0.7
        ? seededValue(1 + Math.floor(SIZES.values * random() ** 2))
        : `fresh-${randomBytes(6).toString("hex")}.bench-new.se`,
    );
  }
  return `# blocklist, one value per line\n${[...lines].join("\n")}\n`;
}

/** The benchmark's analyst (created on first use) and a new API token of theirs. */
async function analyst(handle: DatabaseHandle): Promise<{ userId: string; token: string }> {
  const user = await sql<{ id: string }>`insert into users (email, name, roles)
    values ('bench-workspace@bench.example', 'Bench', '{analyst}')
    on conflict (email) do update set name = excluded.name returning id`.execute(handle.db);
  const userId = user.rows[0]?.id ?? "";
  const token = newApiToken();
  await sql`insert into api_tokens (user_id, label, token_hash)
    values (${userId}, ${`bench-${randomBytes(4).toString("hex")}`}, ${sha256Hex(token)})`.execute(handle.db);
  return { userId, token };
}

async function seed(handle: DatabaseHandle, userId: string): Promise<void> {
  const db = handle.db;
  const started = performance.now();
  for (const statement of [
    ...correlationSeedStatements(userId, SIZES),
    // Verdicts on 1 in 250 values and tags on 1 in 50, given on the cases holding them.
    `update observables set tag = 'malicious', version = 1 where id % 250 = 0`,
    `insert into observable_verdict_cases (observable_id, case_id)
       select distinct s.observable_id, s.case_id from sightings s join observables o on o.id = s.observable_id
       where o.version > 0`,
    `insert into observable_tags (observable_id, tag, added_by, added_at)
       select id, case when id % 100 = 0 then 'tlp:amber' else 'campaign-' || (id % 7) end, '${userId}', now()
       from observables where id % 50 = 0`,
    `insert into observable_tag_cases (observable_id, tag, case_id)
       select distinct t.observable_id, t.tag, s.case_id from observable_tags t
       join sightings s on s.observable_id = t.observable_id`,
    // What the report indexer and the index's summary pass do in the background.
    `update reports set search = fyr_report_search(reference, summary, what_happened, organisation_name,
       discovery_how, countermeasures)`,
    `insert into observable_stats (observable_id, cases, first_seen, last_seen)
       select s.observable_id, count(distinct s.case_id), min(s.seen_at), max(s.seen_at) from sightings s
       where s.case_id not in (select i.id from incidents i where i.tlp = 'TLP:RED'
         union all select ir.report_id from incident_reports ir join incidents i on i.id = ir.incident_id
         where i.tlp = 'TLP:RED')
       group by s.observable_id`,
    // Summed whole just now: what the links above marked pending is not.
    "delete from observable_stats_pending_cases",
    // What autovacuum does in production: marks the pages all-visible for index-only reads.
    "vacuum analyze",
  ]) {
    const t = performance.now();
    const r = await sql.raw(statement).execute(db);
    const what = statement.trim().split(/\s+/).slice(0, 3).join(" ");
    console.log(
      `  ${what.padEnd(34)} ${String(r.numAffectedRows ?? "").padStart(9)} rows ${Math.round(performance.now() - t)} ms`,
    );
  }
  console.log(`  seed total ${Math.round((performance.now() - started) / 1000)} s`);
}

async function measure(kind: "pglite" | "postgres"): Promise<Row[]> {
  const reuse = kind === "postgres" ? process.env.BENCH_WORKSPACE_DB_URL : undefined;
  const scratch =
    kind !== "postgres" ? null : reuse ? { url: reuse, drop: async () => undefined } : await scratchDatabase();
  const handle = await openDatabase(scratch ? { kind: "postgres", url: scratch.url, poolSize: 4 } : { kind: "pglite" });
  try {
    const { token } = await (async () => {
      if (reuse) return analyst(handle);
      await migrate(handle);
      const who = await analyst(handle);
      console.log(`\nSeeding ${kind} with ${JSON.stringify(SIZES)}`);
      await seed(handle, who.userId);
      return who;
    })();
    const config = loadConfig({
      FYR_LOG_LEVEL: "silent",
      FYR_SECRET_KEY: randomBytes(32).toString("base64"),
      ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    });
    const fyr = await buildFyr({
      config,
      logger: createLogger("silent"),
      database: handle,
      clock: systemClock,
      serveWeb: false,
    });
    await fyr.http.ready();
    const call = async (method: "GET" | "POST", url: string, payload?: object) => {
      const t = performance.now();
      const res = await fyr.http.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload ? { payload } : {}),
      });
      if (res.statusCode !== 200) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return { ms: performance.now() - t, body: res };
    };
    const rows: Row[] = [];
    const time = async (name: string, make: (i: number) => Promise<{ ms: number }>, ceiling?: number) => {
      await make(-1); // warm-up
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) times.push((await make(i)).ms);
      times.sort((a, b) => a - b);
      const p95 = percentile(times, 0.95);
      const row = {
        name,
        "p50 ms": percentile(times, 0.5),
        "p95 ms": p95,
        target: ceiling === undefined ? "(none)" : `p95 < ${ceiling} ms`,
        ok: ceiling === undefined ? "—" : p95 < ceiling ? "yes" : "NO",
      };
      rows.push(row);
      console.log(`  ${name}: p50 ${row["p50 ms"]} ms, p95 ${p95} ms`);
    };

    const lists = Array.from({ length: REQUESTS + 1 }, () => blocklist(10_000));
    const first = (await call("POST", "/api/v1/observables/lookup", { text: lists[0] })).body.json<{
      seen: unknown[];
    }>();
    console.log(`  a 10,000-value list: ${first.seen.length} seen`);
    await time(
      "bulk lookup: 10,000 values",
      (i) => call("POST", "/api/v1/observables/lookup", { text: lists[i + 1] }),
      LOOKUP_CEILING_MS,
    );
    await time("bulk lookup: 1,000 values", (i) =>
      call("POST", "/api/v1/observables/lookup", { text: (lists[i + 1] ?? "").split("\n").slice(0, 1001).join("\n") }),
    );
    for (const view of ["recent", "most-seen", "common", "malicious"])
      await time(`index: ${view}, first page of 50`, () => call("GET", `/api/v1/observables/index?view=${view}`));
    await time("index: recent, 2nd page", async () => {
      const page = (await call("GET", "/api/v1/observables/index?view=recent")).body.json<{ nextCursor: string }>();
      return call("GET", `/api/v1/observables/index?view=recent&cursor=${page.nextCursor}`);
    });
    await time("index: tag campaign-3", () => call("GET", "/api/v1/observables/index?tag=campaign-3"));
    await time("index: type sha256, last 30 days", () =>
      call("GET", `/api/v1/observables/index?type=sha256&from=${new Date(Date.now() - 30 * 86_400_000).toISOString()}`),
    );
    await time("search: one address", (i) => call("GET", `/api/v1/search?q=${seededValue(3 * (i + 2))}`));
    await time("search: a /16 network", (i) => call("GET", `/api/v1/search?q=45.${i % 4}.0.0/16`));
    await time("search: *.bench-corp.se", () => call("GET", "/api/v1/search?q=*.bench-corp.se"));
    await fyr.http.close();
    console.log(`\nObservables workspace on ${kind} (${REQUESTS} requests per row, as an analyst)`);
    console.table(rows);
    return rows;
  } finally {
    await handle.close();
    if (process.env.BENCH_KEEP_DB === "1" && scratch) console.log(`kept ${scratch.url}`);
    else await scratch?.drop();
  }
}

/** Runs the workspace benchmark on PGlite and PostgreSQL (or the one named by --pglite / --postgres). */
export async function workspaceBench(): Promise<Row[]> {
  const only = process.argv.includes("--pglite") ? "pglite" : process.argv.includes("--postgres") ? "postgres" : null;
  const rows: Row[] = [];
  for (const kind of ["pglite", "postgres"] as const)
    if (only === null || only === kind) rows.push(...(await measure(kind)));
  return rows;
}
