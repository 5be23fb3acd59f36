import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT, ensureBuilt, fyrCli, startFyr, tempDataDir } from "./lib/server.js";

// Issue 2: cold start to /readyz on the embedded database with an existing data dir: < 3 s.
// Issue 19 item 10: the compiled server starts in < 2 s and the compiled CLI in < 0.5 s (here `fyr
// user list`, through the running server's socket and alone on the data dir), next to a bare `node -e 0`.
const RUNS = Number(process.env.BENCH_COLDSTART_RUNS ?? 5);

function ms(command: string[], env: Record<string, string>): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, command, { env: { ...process.env, FYR_LOG_LEVEL: "warn", ...env } });
  if (r.status !== 0) throw new Error(`${command.join(" ")} failed: ${r.stderr.toString()}`);
  return performance.now() - started;
}

function summary(times: number[]): { min_ms: number; median_ms: number; max_ms: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    min_ms: Math.round(sorted[0] ?? 0),
    median_ms: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
    max_ms: Math.round(sorted[sorted.length - 1] ?? 0),
  };
}

export async function coldStartBench(): Promise<number[]> {
  ensureBuilt();
  const dir = tempDataDir();
  const env = { FYR_DATA_DIR: dir, PORT: "18092" };
  fyrCli(["migrate"], env);
  const bin = join(ROOT, "bin/fyr.js");
  const node: number[] = [];
  const cliAlone: number[] = [];
  const cliSocket: number[] = [];
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    node.push(ms(["-e", "0"], {}));
    cliAlone.push(ms([bin, "user", "list"], env));
    const fyr = await startFyr(env);
    times.push(fyr.ms);
    cliSocket.push(ms([bin, "user", "list"], env));
    await fyr.stop();
  }
  console.log(`\nStart-up, compiled, embedded database, existing data dir (${RUNS} runs)`);
  console.table({
    "node -e 0": summary(node),
    "server to /readyz": summary(times),
    "fyr user list (via the server's socket)": summary(cliSocket),
    "fyr user list (owns the data dir)": summary(cliAlone),
  });
  return times;
}
