import { spawn } from "node:child_process";
import { join } from "node:path";
import { connect } from "node:net";
import nodemailer from "nodemailer";
import pg from "pg";
import { PG_URL, ROOT, ensureBuilt, fyrCli, scratchDatabase, startFyr, tempDataDir } from "./lib/server.js";

// Issue 3: 1,000 messages through the inbound SMTP listener on PostgreSQL → messages/s. Each message is
// a ~2 KB report from its own sender; the 250 comes only after the report is committed.
// Issue 19 item 10: the same messages through `fyr mail import` (compiled), one process per message as
// an MTA pipe runs it, BENCH_CLI_PARALLEL at a time.
const MESSAGES = Number(process.env.BENCH_SMTP_MESSAGES ?? 1000);
const CONNECTIONS = Number(process.env.BENCH_SMTP_CONNECTIONS ?? 4);
const CLI_MESSAGES = Number(process.env.BENCH_CLI_MESSAGES ?? 100);
const CLI_PARALLEL = Number(process.env.BENCH_CLI_PARALLEL ?? 2);
const SMTP_PORT = 18_094;

function message(i: number): string {
  const body = `Rapport ${i}: misstänkt intrång.\n${"Loggrad med detaljer om trafiken mot servern. ".repeat(40)}\n`;
  return [
    `From: Reporter ${i} <reporter${i}@bench.example>`,
    "To: cert@cert.example",
    `Subject: Incident ${i}`,
    `Message-ID: <bench-${i}-${Date.now()}@bench.example>`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    body,
  ].join("\r\n");
}

async function smtpListening(port: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, "127.0.0.1", () => {
        s.destroy();
        resolve(true);
      }).on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("inbound SMTP did not start");
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

function importOne(raw: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "bin/fyr.js"), "mail", "import"], {
      env: { ...process.env, FYR_LOG_LEVEL: "warn", ...env },
      stdio: ["pipe", "ignore", "inherit"],
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`fyr mail import exited with ${code}`))));
    child.stdin.end(raw);
  });
}

/** Messages through `fyr mail import`, a process each: what an MTA pipe pays per message. */
async function cliImports(env: Record<string, string>): Promise<{ messagesPerSecond: number; p99Ms: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < CLI_MESSAGES) {
      const i = MESSAGES + next++;
      const t = performance.now();
      await importOne(message(i), env);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: CLI_PARALLEL }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const messagesPerSecond = CLI_MESSAGES / seconds;
  console.log(`\nfyr mail import (compiled), one process per message, ${CLI_PARALLEL} at a time`);
  console.table({
    messages: CLI_MESSAGES,
    seconds: Number(seconds.toFixed(2)),
    messages_per_s: Number(messagesPerSecond.toFixed(1)),
    p50_ms: Math.round(percentile(latencies, 0.5)),
    p99_ms: Math.round(percentile(latencies, 0.99)),
  });
  return { messagesPerSecond, p99Ms: percentile(latencies, 0.99) };
}

export async function smtpBench(): Promise<{
  messagesPerSecond: number;
  p99Ms: number;
  cli: { messagesPerSecond: number; p99Ms: number };
}> {
  ensureBuilt();
  const db = await scratchDatabase();
  const env = {
    DATABASE_URL: db.url,
    PORT: "18093",
    FYR_ROLES: "public",
    FYR_INBOUND_SMTP_PORT: String(SMTP_PORT),
    FYR_DATA_DIR: tempDataDir(),
  };
  try {
    fyrCli(["migrate"], env);
    const fyr = await startFyr(env);
    try {
      await smtpListening(SMTP_PORT);
      const transport = nodemailer.createTransport({
        host: "127.0.0.1",
        port: SMTP_PORT,
        secure: false,
        ignoreTLS: true,
        pool: true,
        maxConnections: CONNECTIONS,
        maxMessages: Infinity,
      });
      const latencies: number[] = [];
      const started = performance.now();
      let next = 0;
      const sender = async () => {
        while (next < MESSAGES) {
          const i = next++;
          const t = performance.now();
          await transport.sendMail({
            envelope: { from: `reporter${i}@bench.example`, to: ["cert@cert.example"] },
            raw: message(i),
          });
          latencies.push(performance.now() - t);
        }
      };
      await Promise.all(Array.from({ length: CONNECTIONS }, sender));
      const seconds = (performance.now() - started) / 1000;
      transport.close();
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const stored = await client.query<{ n: string }>("select count(*) as n from reports where channel = 'email'");
      await client.end();
      latencies.sort((a, b) => a - b);
      const p99Ms = latencies[Math.floor(latencies.length * 0.99)] ?? 0;
      const messagesPerSecond = MESSAGES / seconds;
      console.log(`\nInbound SMTP on PostgreSQL (${PG_URL.replace(/\/[^/]*$/, "/…")}), ${CONNECTIONS} connections`);
      console.table({
        messages: MESSAGES,
        reports_stored: Number(stored.rows[0]?.n ?? 0),
        seconds: Number(seconds.toFixed(2)),
        messages_per_s: Math.round(messagesPerSecond),
        p50_ms: Math.round(latencies[Math.floor(latencies.length / 2)] ?? 0),
        p99_ms: Math.round(p99Ms),
      });
      const cli = await cliImports({ DATABASE_URL: db.url, FYR_DATA_DIR: env.FYR_DATA_DIR });
      return { messagesPerSecond, p99Ms, cli };
    } finally {
      await fyr.stop();
    }
  } finally {
    await db.drop();
  }
}
