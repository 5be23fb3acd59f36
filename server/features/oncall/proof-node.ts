// One Fyr worker node for the exactly-once proof (escalation-nodes.test.ts): the escalation tick every
// 200 ms and the job worker with the page job, on the PostgreSQL database given. With ONCALL_PAUSE=1 it
// stops inside the first page it runs, after claiming the job and before sending, and says so on stdout —
// the moment the test kills it with SIGKILL.
// Usage: node --import tsx server/features/oncall/proof-node.ts <postgres-url> <node-id>
import { systemClock } from "../../platform/clock.js";
import { loadConfig } from "../../platform/config.js";
import { openDatabase } from "../../platform/db/connect.js";
import { createWorker } from "../../platform/jobs/index.js";
import { createLogger } from "../../platform/log.js";
import { createMetrics } from "../../platform/metrics.js";
import { startPeriodic } from "../../platform/periodic.js";
import { createOncallPageJob } from "./page-job.js";
import { escalationTick } from "./tick.js";

const [url, nodeId] = process.argv.slice(2);
if (!url || !nodeId) throw new Error("usage: proof-node.ts <postgres-url> <node-id>");
const config = loadConfig({
  FYR_LOG_LEVEL: "silent",
  FYR_PUBLIC_URL: "https://cert.example",
  FYR_ONCALL_WEBHOOK_URL: process.env.ONCALL_WEBHOOK_URL ?? "",
  FYR_ONCALL_WEBHOOK_SECRET: "proof-secret-0123456789",
});
const handle = await openDatabase({ kind: "postgres", url, poolSize: 4 });
const logger = createLogger("silent");
const pause = process.env.ONCALL_PAUSE === "1";
const job = createOncallPageJob(config, {
  beforeDeliver: async (pageId) => {
    if (!pause) return;
    process.stdout.write(`paused ${pageId}\n`);
    await new Promise(() => undefined); // until SIGKILL
  },
});
const worker = createWorker({
  db: handle.db,
  clock: systemClock,
  logger,
  metrics: createMetrics(),
  jobs: [job],
  concurrency: 2,
  workerId: nodeId,
  idleMs: 50,
  // A node that vanished is noticed within seconds, not the default five minutes.
  leaseMs: 3000,
});
worker.start();
const tick = startPeriodic({
  what: "tick",
  logger,
  intervalMs: 200,
  pass: async () => void (await escalationTick({ db: handle.db, clock: systemClock, config })),
});
process.stdout.write("ready\n");
process.on("SIGTERM", () => {
  void tick
    .stop()
    .then(() => worker.stop(2000))
    .then(() => handle.close())
    .then(() => process.exit(0));
});
