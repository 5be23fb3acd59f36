import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type DatabaseHandle, openDatabase } from "../../server/platform/db/connect.js";

export const ROOT = new URL("../../", import.meta.url).pathname;
export const PG_URL = process.env.FYR_BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** A scratch PostgreSQL database for one benchmark, dropped afterwards. */
export async function scratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `fyr_bench_${randomBytes(4).toString("hex")}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), "fyr-bench-"));
}

/**
 * Builds the compiled server and CLI (dist/server) when the sources changed: benchmarks measure what
 * production runs (`npm start`, bin/fyr.js), not tsx.
 */
export function ensureBuilt(): void {
  const r = spawnSync(process.execPath, [join(ROOT, "scripts/build-if-stale.mjs"), "server"], { stdio: "inherit" });
  if (r.status !== 0) throw new Error("npm run build:server failed");
}

/** Runs the `fyr` CLI synchronously; returns stdout (throws on a non-zero exit). */
export function fyrCli(args: string[], env: Record<string, string>, input?: string): string {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/fyr.js"), ...args], {
    env: { ...process.env, ...env },
    input,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`fyr ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

/** Starts Fyr (compiled, as `npm start` does) in a child process and resolves once /readyz answers 200. */
export async function startFyr(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; ms: number; stop(): Promise<void> }> {
  ensureBuilt();
  const started = performance.now();
  const child = spawn(process.execPath, ["--enable-source-maps", join(ROOT, "dist/server/main.js")], {
    // No limits: a benchmark is one client sending far more than any real one.
    env: {
      ...process.env,
      FYR_LOG_LEVEL: "warn",
      FYR_PUBLIC_RATE_LIMIT: "0",
      FYR_PUBLIC_UPLOAD_BYTES_PER_HOUR: "0",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const port = env.PORT ?? "8080";
  for (;;) {
    if (child.exitCode !== null) throw new Error(`fyr exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const ms = performance.now() - started;
  return {
    child,
    ms,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/**
 * Runs `measure` on a scratch PostgreSQL database, then on a fresh PGlite one (FYR_BENCH_POSTGRES=0 or
 * FYR_BENCH_PGLITE=0 leaves one out), closing and dropping each afterwards.
 */
export async function onEachDatabase(
  measure: (label: string, database: DatabaseHandle) => Promise<void>,
): Promise<void> {
  if (process.env.FYR_BENCH_POSTGRES !== "0") {
    const scratch = await scratchDatabase();
    const handle = await openDatabase({ kind: "postgres", url: scratch.url, poolSize: 8 });
    try {
      await measure("PostgreSQL", handle);
    } finally {
      await handle.close();
      await scratch.drop();
    }
  }
  if (process.env.FYR_BENCH_PGLITE === "0") return;
  const lite = await openDatabase({ kind: "pglite", dataDir: tempDataDir() });
  try {
    await measure("PGlite", lite);
  } finally {
    await lite.close();
  }
}
