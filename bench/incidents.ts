import { rmSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import pg from "pg";
import { newApiToken, sha256Hex } from "../server/platform/auth/secrets.js";
import { ENGLISH_WORDS, MALWARE, SEED_SIZES, SWEDISH_WORDS, seedStatements } from "./lib/incidents-seed.js";
import { PG_URL, fyrCli, scratchDatabase, startFyr, tempDataDir } from "./lib/server.js";
import { prng, percentile } from "./lib/stats.js";

// Issue 4 on PostgreSQL: 100k incidents, 300k reports, 1M timeline entries; an analyst (not admin, so
// the TLP policy's conditions are in every query) through the real HTTP server. Targets (p95):
// incident list (filter + sort) < 50 ms, full-text search < 150 ms, an incident page's data < 100 ms.
// BENCH_INCIDENTS_DB_URL reuses an already seeded database (nothing is dropped); BENCH_KEEP_DB=1 keeps
// the scratch database and prints its URL.
const PORT = 18_094;
const BASE = `http://127.0.0.1:${PORT}`;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const BENCH_EMAIL = "bench-analyst@bench.example";

interface Row {
  name: string;
  requests: number;
  "p50 ms": number;
  "p95 ms": number;
  "p99 ms": number;
  "target p95": number | string;
  ok: string;
}

const random = prng(4);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

async function benchUser(client: pg.Client): Promise<{ userId: string; token: string }> {
  const user = await client.query<{ id: string }>(
    `insert into users (email, name, roles) values ($1, 'Bench Analytiker', '{analyst}')
     on conflict (email) do update set name = excluded.name returning id`,
    [BENCH_EMAIL],
  );
  const userId = user.rows[0]?.id;
  if (!userId) throw new Error("no bench user");
  const token = newApiToken();
  await client.query(`insert into api_tokens (user_id, label, token_hash) values ($1, 'bench', $2)`, [
    userId,
    sha256Hex(token),
  ]);
  return { userId, token };
}

async function seed(client: pg.Client, userId: string): Promise<void> {
  const started = performance.now();
  await client.query("begin");
  for (const statement of seedStatements(userId)) {
    const t = performance.now();
    const r = await client.query(statement);
    const what = statement.trim().split(/\s+/).slice(0, 3).join(" ");
    console.log(
      `  ${what.padEnd(40)} ${String(r.rowCount ?? "").padStart(9)} rows ${Math.round(performance.now() - t)} ms`,
    );
  }
  await client.query("commit");
  const t = performance.now();
  await client.query("vacuum analyze");
  console.log(
    `  vacuum analyze ${Math.round(performance.now() - t)} ms; seed total ${Math.round((performance.now() - started) / 1000)} s`,
  );
}

/** One result line; `target` null for what the issue sets no target for (shown as "—"). */
function row(name: string, times: number[], target: number | null): Row {
  const sorted = times.toSorted((a, b) => a - b);
  const p95 = percentile(sorted, 0.95);
  return {
    name,
    requests: times.length,
    "p50 ms": percentile(sorted, 0.5),
    "p95 ms": p95,
    "p99 ms": percentile(sorted, 0.99),
    "target p95": target ?? "—",
    ok: target === null ? "—" : p95 < target ? "yes" : "NO",
  };
}

/** One timed GET (keep-alive); anything but 200 stops the benchmark. */
async function get(token: string, path: string): Promise<{ ms: number; body: unknown }> {
  const t = performance.now();
  const res = await fetch(`${BASE}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${text.slice(0, 300)}`);
  return { ms, body: JSON.parse(text) };
}

async function measure(token: string, paths: () => string, n = REQUESTS): Promise<number[]> {
  for (let i = 0; i < 10; i++) await get(token, paths()); // warm-up
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push((await get(token, paths())).ms);
  return times;
}

const LIST_CASES: [string, () => string][] = [
  ["list: open, newest first", () => "/api/v1/incidents?view=open"],
  ["list: mine, due soonest", () => "/api/v1/incidents?view=mine&sort=due"],
  ["list: overdue, due soonest", () => "/api/v1/incidents?view=overdue&sort=due"],
  ["list: unassigned, newest", () => "/api/v1/incidents?view=unassigned&status=new,open"],
  ["list: stalled, updated", () => "/api/v1/incidents?view=stalled&sort=updated"],
  ["list: open by severity", () => "/api/v1/incidents?view=open&sort=severity"],
  ["list: all, high+critical, updated", () => "/api/v1/incidents?severity=critical,high&sort=updated"],
  ["list: class + sector, open", () => "/api/v1/incidents?view=open&class=intrusions&sector=energy"],
  ["list: TLP:GREEN, due", () => "/api/v1/incidents?tlp=TLP:GREEN&sort=due"],
  [
    "list: title words (q)",
    () => `/api/v1/incidents?q=${encodeURIComponent(pick([...SWEDISH_WORDS, ...ENGLISH_WORDS]))}`,
  ],
  ["list: 200 per page, all", () => "/api/v1/incidents?limit=200"],
];

/** Follows the cursor: the time of pages 2–5, each after a fresh first page. */
async function deepPages(token: string): Promise<number[]> {
  const times: number[] = [];
  while (times.length < REQUESTS) {
    let { body } = await get(token, "/api/v1/incidents?view=open&sort=severity");
    for (let page = 2; page <= 5; page++) {
      const cursor = (body as { nextCursor: string | null }).nextCursor;
      if (!cursor) break;
      const next = await get(token, `/api/v1/incidents?view=open&sort=severity&cursor=${cursor}`);
      times.push(next.ms);
      body = next.body;
    }
  }
  return times;
}

/** Search words by how often they occur: rare identifiers, middling names, everyday words. */
const SEARCH_WORDS = {
  rare: (): string =>
    random() < 0.6
      ? `srv-${String(Math.floor(random() * 5000)).padStart(4, "0")}`
      : `CVE-202${Math.floor(random() * 5)}-${1000 + Math.floor(random() * 9000)}`,
  middling: (): string =>
    random() < 0.6 ? pick(MALWARE) : `${pick(MALWARE)} ${pick([...SWEDISH_WORDS, ...ENGLISH_WORDS])}`,
  common: (): string => pick([...SWEDISH_WORDS, ...ENGLISH_WORDS]),
};
const mixedWord = (): string => {
  const r = random();
  return r < 0.4 ? SEARCH_WORDS.rare() : r < 0.7 ? SEARCH_WORDS.middling() : SEARCH_WORDS.common();
};
const searchPath =
  (word: () => string, extra = "") =>
  () =>
    `/api/v1/search?q=${encodeURIComponent(word())}${extra}`;

/** Runs the incident workspace benchmark and prints its table. */
export async function incidentsBench(): Promise<Row[]> {
  const reuse = process.env.BENCH_INCIDENTS_DB_URL;
  const db = reuse ? { url: reuse, drop: async () => undefined } : await scratchDatabase();
  const dataDir = tempDataDir();
  const env = { DATABASE_URL: db.url, PORT: String(PORT), FYR_ROLES: "staff", FYR_DATA_DIR: dataDir };
  const client = new pg.Client({ connectionString: db.url });
  const rows: Row[] = [];
  const report = (r: Row) => {
    rows.push(r);
    console.log(`  ${r.name}: p50 ${r["p50 ms"]} ms, p95 ${r["p95 ms"]} ms, p99 ${r["p99 ms"]} ms`);
  };
  try {
    if (!reuse) fyrCli(["migrate"], env);
    await client.connect();
    const { userId, token } = await benchUser(client);
    if (!reuse) {
      console.log(`\nSeeding ${JSON.stringify(SEED_SIZES)}`);
      await seed(client, userId);
    }
    const pages = await client.query<{ reference: string }>(
      `select reference from incidents where tlp <> 'TLP:RED' or assignee_id = $1 order by random() limit 500`,
      [userId],
    );
    const references = pages.rows.map((r) => r.reference);
    const fyr = await startFyr(env);
    try {
      // The floor: an authenticated answer that does no work, on this machine at this moment.
      report(row("baseline: GET /api/v1/auth/me", await measure(token, () => "/api/v1/auth/me"), 50));
      for (const [name, path] of LIST_CASES) report(row(name, await measure(token, path), 50));
      report(row("list: pages 2–5 by cursor", await deepPages(token), 50));
      const searches: [string, () => string][] = [
        ["search: mixed words (40/30/30)", searchPath(mixedWord)],
        ["search: rare (host names, CVE ids)", searchPath(SEARCH_WORDS.rare)],
        ["search: middling (malware families)", searchPath(SEARCH_WORDS.middling)],
        ["search: common everyday words", searchPath(SEARCH_WORDS.common)],
        ["search: common word, notes only", searchPath(SEARCH_WORDS.common, "&kinds=note")],
      ];
      for (const [name, path] of searches) report(row(name, await measure(token, path), 150));
      const page: number[] = [];
      for (let i = 0; i < REQUESTS + 10; i++) {
        const reference = pick(references);
        const detail = await get(token, `/api/v1/incidents/${reference}`);
        const timeline = await get(token, `/api/v1/incidents/${reference}/timeline`);
        if (i >= 10) page.push(detail.ms + timeline.ms);
      }
      report(row("incident page: detail + timeline", page, 100));
      report(row("dashboard (no target set)", await measure(token, () => "/api/v1/dashboard"), null));
    } finally {
      await fyr.stop();
    }
  } finally {
    await client.end();
    if (process.env.BENCH_KEEP_DB === "1" && !reuse) console.log(`kept database: ${db.url}`);
    else await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(
    `\nIncident workspace on PostgreSQL (${PG_URL.replace(/\/[^/]*$/, "/…")}), one analyst, sequential requests` +
      `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
  );
  console.table(rows);
  return rows;
}
