import { fork } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import autocannon from "autocannon";
import { ROOT } from "./server.js";

/**
 * Requests/s of a plain Fastify hello-world in its own process, measured now: the ceiling a bench
 * reports its numbers against, so a shared or busy machine shows in the ratio rather than hiding in it.
 */
export async function helloWorldCeiling(
  connections: number,
  durationS: number,
  port = 18_090,
): Promise<{ rps: number; p50: number; p99: number }> {
  const hello = fork(join(ROOT, "bench/lib/hello-world.ts"), {
    env: { ...process.env, PORT: String(port) },
    execArgv: ["--import", "tsx"],
  });
  await once(hello, "message");
  try {
    const url = `http://127.0.0.1:${port}/`;
    await autocannon({ url, connections, duration: 2 });
    const r = await autocannon({ url, connections, duration: durationS });
    return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
  } finally {
    hello.kill("SIGTERM");
    await once(hello, "exit");
  }
}
