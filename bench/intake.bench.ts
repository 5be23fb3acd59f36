import { randomBytes } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import autocannon from "autocannon";
import { fullReport, multipart } from "../server/features/intake/test-fixtures.js";
import { PG_URL, fyrCli, scratchDatabase, startFyr, tempDataDir } from "./lib/server.js";

// Issue 3: public intake on PostgreSQL, 50 connections. Aim: ~2 KB JSON reports ≥ 500/s with
// p99 < 100 ms; with one 1 MB attachment each ≥ 50/s; memory flat over a 10,000-report run.
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const FLAT_RUN_REPORTS = Number(process.env.BENCH_FLAT_REPORTS ?? 10_000);
const PORT = 18_093;
const URL_REPORTS = `http://127.0.0.1:${PORT}/api/public/v1/reports`;

interface Row {
  name: string;
  "reports/s": number;
  "p50 ms": number;
  "p99 ms": number;
  requests: number;
  "non-201": number;
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

/** Runs the intake load and prints reports/s, latency and the server's memory. */
export async function intakeBench(): Promise<Row[]> {
  const db = await scratchDatabase();
  const dataDir = tempDataDir();
  const env = { DATABASE_URL: db.url, PORT: String(PORT), FYR_ROLES: "public", FYR_DATA_DIR: dataDir };
  const rows: Row[] = [];
  const memory: Record<string, number> = {};
  try {
    fyrCli(["migrate"], env);
    const fyr = await startFyr(env);
    try {
      await jsonLoad("warm-up", { duration: 2 });
      rows.push(await jsonLoad("JSON report, ~2 KB", { duration: DURATION_S }));
      rows.push(await attachmentLoad());
      memory["RSS before (MiB)"] = Math.round(rssKiB(fyr.child.pid) / 1024);
      rows.push(await jsonLoad(`${FLAT_RUN_REPORTS} JSON reports`, { amount: FLAT_RUN_REPORTS }));
      memory["RSS after (MiB)"] = Math.round(rssKiB(fyr.child.pid) / 1024);
    } finally {
      await fyr.stop();
    }
  } finally {
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\nPublic intake on PostgreSQL (${PG_URL.replace(/\/[^/]*$/, "/…")}), ${CONNECTIONS} connections`);
  console.table(rows);
  console.table([memory]);
  return rows;
}
