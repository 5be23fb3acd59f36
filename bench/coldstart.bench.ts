import { fyrCli, startFyr, tempDataDir } from "./lib/server.js";

// Issue 2: cold start to /readyz on the embedded database with an existing data dir: < 3 s.
const RUNS = Number(process.env.BENCH_COLDSTART_RUNS ?? 5);

export async function coldStartBench(): Promise<number[]> {
  const dir = tempDataDir();
  const env = { FYR_DATA_DIR: dir, PORT: "18092" };
  fyrCli(["migrate"], env);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const fyr = await startFyr(env);
    times.push(fyr.ms);
    await fyr.stop();
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`\nCold start to /readyz, embedded database, existing data dir (${RUNS} runs)`);
  console.table({
    min_ms: Math.round(sorted[0] ?? 0),
    median_ms: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
    max_ms: Math.round(sorted[sorted.length - 1] ?? 0),
  });
  return times;
}
