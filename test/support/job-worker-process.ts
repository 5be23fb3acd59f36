// A bare job-worker process for the exactly-once test (server/platform/jobs/exactly-once.test.ts).
// Usage: node --import tsx test/support/job-worker-process.ts <postgres-url> <worker-id>
// Runs the "test.exactly-once" job, whose handler records its job id in table job_runs.
import { sql } from "kysely";
import { z } from "zod";
import { systemClock } from "../../server/platform/clock.js";
import { openDatabase } from "../../server/platform/db/connect.js";
import { createWorker, defineJob } from "../../server/platform/jobs/index.js";
import { createLogger } from "../../server/platform/log.js";
import { createMetrics } from "../../server/platform/metrics.js";

const [url, workerId] = process.argv.slice(2);
if (!url || !workerId) throw new Error("usage: job-worker-process.ts <postgres-url> <worker-id>");

const handle = await openDatabase({ kind: "postgres", url, poolSize: 5 });
const recordRun = defineJob({
  name: "test.exactly-once",
  payload: z.object({}),
  async handler(_payload, ctx) {
    await sql`insert into job_runs (job_id, worker) values (${ctx.jobId}, ${workerId})`.execute(ctx.db);
  },
});
const worker = createWorker({
  db: handle.db,
  clock: systemClock,
  logger: createLogger("warn"),
  metrics: createMetrics(),
  jobs: [recordRun],
  concurrency: 4,
  workerId,
  idleMs: 20,
});
worker.start();
process.stdout.write("ready\n");
process.on("SIGTERM", () => {
  void worker
    .stop(5000)
    .then(() => handle.close())
    .then(() => process.exit(0));
});
