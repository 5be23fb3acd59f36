import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { E2E_USERS, PASSWORD } from "./users.js";

// Starts Fyr for the browser tests: a fresh embedded database in a temp dir (or a fresh
// PostgreSQL database next to E2E_DATABASE_URL), the e2e staff users created through the CLI,
// then the server on E2E_PORT. Playwright waits for /readyz and stops us with SIGTERM.

const port = process.env.E2E_PORT ?? "8181";
const cleanups: (() => Promise<void>)[] = [];

async function freshPostgres(adminUrl: string): Promise<string> {
  const name = `fyr_e2e_${process.pid}_${Date.now()}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function baseEnv(): NodeJS.ProcessEnv {
  // Keep only what the tools need; stray FYR_* settings from the caller would be refused.
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("FYR_") && k !== "DATABASE_URL") env[k] = v;
  return env;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, stdin: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ["pipe", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited with ${code}`))));
    child.stdin.end(stdin);
  });
}

async function main(): Promise<void> {
  const env = baseEnv();
  if (process.env.E2E_DATABASE_URL) {
    env.DATABASE_URL = await freshPostgres(process.env.E2E_DATABASE_URL);
  } else {
    const dir = mkdtempSync(join(tmpdir(), "fyr-e2e-"));
    env.FYR_DATA_DIR = dir;
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  }
  env.FYR_LOG_LEVEL = "warn";
  // One process for every user (`fyr user import`): a process per user took minutes on a busy machine.
  const users = Object.values(E2E_USERS).map((u) =>
    JSON.stringify({ email: u.email, name: u.name, roles: [u.role], password: PASSWORD }),
  );
  await run(process.execPath, ["bin/fyr.js", "user", "import"], env, `${users.join("\n")}\n`);
  // Vulnerability data (vulnerabilities.spec.ts), imported through the command line as a CERT would.
  for (const args of [
    ["--kev", "server/features/vulnerabilities/fixtures/kev/known_exploited_vulnerabilities.sample.json"],
    ["--cve", "test/e2e/fixtures/vulnerabilities/cves"],
    ["--epss", "test/e2e/fixtures/vulnerabilities/epss-2025-02-24.csv"],
    ["--epss", "test/e2e/fixtures/vulnerabilities/epss-2025-02-25.csv"],
  ])
    await run(process.execPath, ["bin/fyr.js", "vuln", "import", ...args], env, "");
  const server: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: {
      ...env,
      PORT: port,
      HOST: "127.0.0.1",
      FYR_PUBLIC_RATE_LIMIT: "0",
      // The suite signs in many times a minute from one address; the per-e-mail back-off still applies.
      FYR_LOGIN_RATE_LIMIT: "0",
      FYR_PUBLIC_URL: `http://127.0.0.1:${port}`,
      // Not the defaults (25 MB / 100 MB, the web's fallbacks): the report form must show and
      // apply these, read from GET /api/public/v1/limits (report-form.spec.ts).
      FYR_MAX_ATTACHMENT_BYTES: String(5 * 1024 * 1024),
      FYR_MAX_REPORT_BYTES: String(20 * 1024 * 1024),
    },
    stdio: "inherit",
  });
  const stop = async (code: number) => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    process.exit(code);
  };
  server.on("exit", (code) => void stop(code ?? 0));
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => server.kill("SIGTERM"));
}

main().catch(async (err: unknown) => {
  process.stderr.write(`e2e server: ${err instanceof Error ? err.message : String(err)}\n`);
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  process.exit(1);
});
