import autocannon from "autocannon";
import { fork } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { PG_URL, ROOT, fyrCli, scratchDatabase, startFyr } from "./lib/server.js";

// Issue 2: on PostgreSQL, 50 connections: /healthz and token-authenticated /auth/me against a
// plain Fastify hello-world in the same run (the ceiling), each server in its own process. Aim: /auth/me ≥ 50 % of hello-world.
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(name: string, url: string, headers: Record<string, string> = {}): Promise<Row> {
  // Unmeasured warm-up, so neither the server's JIT nor autocannon's favours whichever runs later.
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  const non2xx = r.non2xx + r.errors;
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: non2xx };
}

export async function httpBench(): Promise<Row[]> {
  const rows: Row[] = [];

  const hello = fork(join(ROOT, "bench/lib/hello-world.ts"), {
    env: { ...process.env, PORT: "18090" },
    execArgv: ["--import", "tsx"],
  });
  await once(hello, "message");
  try {
    rows.push(await load("fastify hello-world (ceiling)", "http://127.0.0.1:18090/"));
  } finally {
    hello.kill("SIGTERM");
    await once(hello, "exit");
  }

  const db = await scratchDatabase();
  const env = { DATABASE_URL: db.url, PORT: "18091", FYR_ROLES: "public,staff" };
  try {
    fyrCli(["migrate"], env);
    fyrCli(
      ["user", "add", "--email", "bench@fyr.test", "--name", "Bench", "--role", "analyst", "--password-stdin"],
      env,
      "correct horse battery staple 42\n",
    );
    const token =
      fyrCli(["token", "create", "--email", "bench@fyr.test", "--label", "bench"], env).trim().split("\n").pop() ?? "";
    const fyr = await startFyr(env);
    try {
      rows.push(await load("fyr GET /healthz", "http://127.0.0.1:18091/healthz"));
      rows.push(
        await load("fyr GET /api/v1/auth/me (token)", "http://127.0.0.1:18091/api/v1/auth/me", {
          authorization: `Bearer ${token}`,
        }),
      );
    } finally {
      await fyr.stop();
    }
  } finally {
    await db.drop();
  }
  const ceiling = rows[0]?.rps ?? 1;
  console.log(
    `\nHTTP on PostgreSQL (${PG_URL.replace(/\/[^/]*$/, "/…")}), ${CONNECTIONS} connections, ${DURATION_S} s each`,
  );
  console.table(
    rows.map((r) => ({ ...r, rps: Math.round(r.rps), "of ceiling": `${Math.round((100 * r.rps) / ceiling)} %` })),
  );
  return rows;
}
