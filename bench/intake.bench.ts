import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { fullReport, multipart } from "../server/features/intake/test-fixtures.js";
import { helloWorldCeiling } from "./lib/ceiling.js";
import { PG_URL, ROOT, fyrCli, scratchDatabase, startFyr, tempDataDir } from "./lib/server.js";

// Public intake on PostgreSQL, 50 connections, in two modes (BENCH_INTAKE_MODES, default both):
// - public: FYR_ROLES=public (issue 3). Aim: ~2 KB JSON reports ≥ 500/s with p99 < 100 ms; with one
//   1 MB attachment each ≥ 50/s; memory flat over a 10,000-report run.
// - default: the default roles in one process (public, staff, worker: receipts, extraction and
//   correlation run beside the requests) and receipts delivered over SMTP to a real peer (issue 11
//   item 18). Aim: ≥ 500/s with p99 < 150 ms, and every receipt delivered afterwards.
// Both against a hello-world ceiling measured in the same run.
const MODES = (process.env.BENCH_INTAKE_MODES ?? "public,default").split(",").map((m) => m.trim());
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const FLAT_RUN_REPORTS = Number(process.env.BENCH_FLAT_REPORTS ?? 10_000);
const PORT = 18_093;
const URL_REPORTS = `http://127.0.0.1:${PORT}/api/public/v1/reports`;

interface Row {
  name: string;
  "reports/s": number;
  "of ceiling"?: string;
  "p50 ms": number;
  "p99 ms": number;
  requests: number;
  "non-201": number;
  created?: number;
}

/** A report of about 2 KB: every question answered, "what happened" filled out. */
export function twoKilobyteReport(): string {
  const report = fullReport();
  const base = JSON.stringify(report).length;
  report.whatHappened = `${report.whatHappened} ${"Loggar visar inloggningar från okänd adress. ".repeat(40)}`.slice(
    0,
    2048 - base + (report.whatHappened?.length ?? 0),
  );
  return JSON.stringify(report);
}

function rssKiB(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? 0);
}

function toRow(name: string, r: autocannon.Result): Row {
  return {
    name,
    "reports/s": Math.round(r.requests.average),
    "p50 ms": r.latency.p50,
    "p99 ms": r.latency.p99,
    requests: r.requests.total,
    "non-201": r.non2xx + r.errors,
    created: r["2xx"],
  };
}

async function jsonLoad(name: string, opts: { duration?: number; amount?: number }): Promise<Row> {
  const r = await autocannon({
    url: URL_REPORTS,
    method: "POST",
    connections: CONNECTIONS,
    headers: { "content-type": "application/json" },
    body: twoKilobyteReport(),
    ...opts,
  });
  return toRow(name, r);
}

async function attachmentLoad(): Promise<Row> {
  const file = randomBytes(1024 * 1024);
  const template = multipart({ report: twoKilobyteReport() }, [{ filename: "memory.dmp", content: file }]);
  const marker = template.payload.indexOf(file.subarray(0, 32));
  const r = await autocannon({
    url: URL_REPORTS,
    method: "POST",
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: template.headers,
    requests: [
      {
        // Every upload differs, so each is a new blob (written, fsynced, renamed), not a dedupe hit.
        setupRequest: (req) => {
          const body = Buffer.from(template.payload);
          randomBytes(16).copy(body, marker);
          return { ...req, body };
        },
      },
    ],
  });
  return toRow("multipart, one 1 MB attachment", r);
}

async function countReports(dbUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("select count(*) as n from reports");
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/** The SMTP peer receipts go to, in its own process; `received()` asks it how many it has taken. */
async function startSmtpSink(): Promise<{ url: string; received(): Promise<number>; stop(): Promise<void> }> {
  const child: ChildProcess = fork(join(ROOT, "bench/lib/smtp-sink.ts"), { execArgv: ["--import", "tsx"] });
  const [ready] = (await once(child, "message")) as [{ port: number }];
  return {
    url: `smtp://127.0.0.1:${ready.port}`,
    async received() {
      child.send("count");
      const [m] = (await once(child, "message")) as [{ received: number }];
      return m.received;
    },
    async stop() {
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}

/** Public role only: JSON, one 1 MB attachment, and a long run for memory. */
async function publicOnly(dbUrl: string, dataDir: string, rows: Row[], memory: Record<string, number>): Promise<void> {
  const env = { DATABASE_URL: dbUrl, PORT: String(PORT), FYR_ROLES: "public", FYR_DATA_DIR: dataDir };
  fyrCli(["migrate"], env);
  const fyr = await startFyr(env);
  try {
    await jsonLoad("warm-up", { duration: 2 });
    rows.push(await jsonLoad("public only: JSON report, ~2 KB", { duration: DURATION_S }));
    rows.push(await attachmentLoad());
    memory["RSS before (MiB)"] = Math.round(rssKiB(fyr.child.pid) / 1024);
    rows.push(await jsonLoad(`public only: ${FLAT_RUN_REPORTS} JSON reports`, { amount: FLAT_RUN_REPORTS }));
    memory["RSS after (MiB)"] = Math.round(rssKiB(fyr.child.pid) / 1024);
  } finally {
    await fyr.stop();
  }
}

/** Default roles, receipts over SMTP: the load, then how long the worker needs to deliver every receipt. */
async function defaultRoles(
  dbUrl: string,
  dataDir: string,
  rows: Row[],
  receipts: Record<string, number>,
): Promise<void> {
  const smtp = await startSmtpSink();
  const env = {
    DATABASE_URL: dbUrl,
    PORT: String(PORT),
    FYR_ROLES: "public,staff,worker",
    FYR_DATA_DIR: dataDir,
    FYR_SMTP_URL: smtp.url,
  };
  try {
    fyrCli(["migrate"], env);
    const fyr = await startFyr(env);
    try {
      await jsonLoad("warm-up", { duration: 2 });
      const before = await smtp.received();
      const row = await jsonLoad("default roles + SMTP: JSON report, ~2 KB", { duration: DURATION_S });
      rows.push(row);
      const atEnd = await smtp.received();
      // Counted in the database: a request still in flight when the load stops is not in autocannon's
      // count, but its report (and so its receipt) exists.
      const expected = await countReports(dbUrl);
      const started = performance.now();
      let got = atEnd;
      while (got < expected && performance.now() - started < 120_000) {
        await new Promise((r) => setTimeout(r, 250));
        got = await smtp.received();
      }
      receipts["receipts during load /s"] = Math.round((atEnd - before) / DURATION_S);
      receipts["backlog at end of load"] = expected - atEnd;
      receipts["s to deliver the rest"] = Math.round((performance.now() - started) / 100) / 10;
      receipts["undelivered after that"] = expected - got;
    } finally {
      await fyr.stop();
    }
  } finally {
    await smtp.stop();
  }
}

/** Runs the intake load in each mode and prints reports/s, latency, receipts and memory. */
export async function intakeBench(): Promise<Row[]> {
  const ceiling = await helloWorldCeiling(CONNECTIONS, DURATION_S);
  const rows: Row[] = [];
  const memory: Record<string, number> = {};
  const receipts: Record<string, number> = {};
  for (const mode of MODES) {
    if (mode !== "public" && mode !== "default") throw new Error(`unknown intake mode "${mode}" (public, default)`);
    const db = await scratchDatabase();
    const dataDir = tempDataDir();
    try {
      if (mode === "public") await publicOnly(db.url, dataDir, rows, memory);
      else await defaultRoles(db.url, dataDir, rows, receipts);
    } finally {
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  console.log(`\nPublic intake on PostgreSQL (${PG_URL.replace(/\/[^/]*$/, "/…")}), ${CONNECTIONS} connections`);
  console.log(
    `ceiling: fastify hello-world GET ${Math.round(ceiling.rps)} req/s (p50 ${ceiling.p50} ms, p99 ${ceiling.p99} ms)`,
  );
  console.table(rows.map((r) => ({ ...r, "of ceiling": `${Math.round((100 * r["reports/s"]) / ceiling.rps)} %` })));
  if (Object.keys(memory).length > 0) console.table([memory]);
  if (Object.keys(receipts).length > 0) console.table([receipts]);
  return rows;
}
