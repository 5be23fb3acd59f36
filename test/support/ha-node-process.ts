// A Fyr node for the database-restart test (server/platform/db/reconnect.test.ts): a job worker and the
// node loops (heartbeat, watcher) on PostgreSQL. Usage: node --import tsx test/support/ha-node-process.ts <url> <node-id>
// Runs the "test.ha" job, whose handler records its job id in ha_runs and an audit entry, in one transaction.
import { sql } from "kysely";
import { z } from "zod";
import { appendAudit } from "../../server/platform/audit.js";
import { systemActor } from "../../server/platform/auth/actor.js";
import { systemClock } from "../../server/platform/clock.js";
import { openDatabase } from "../../server/platform/db/connect.js";
import { createWorker, defineJob } from "../../server/platform/jobs/index.js";
import { createLogger } from "../../server/platform/log.js";
import { createMetrics } from "../../server/platform/metrics.js";
import { startNodeLoops } from "../../server/platform/nodes.js";

const [url, nodeId] = process.argv.slice(2);
if (!url || !nodeId) throw new Error("usage: ha-node-process.ts <postgres-url> <node-id>");

const handle = await openDatabase({ kind: "postgres", url, poolSize: 4 });
const logger = createLogger("silent");
const haJob = defineJob({
  name: "test.ha",
  payload: z.object({ n: z.number() }),
  maxAttempts: 50,
  async handler(payload, ctx) {
    await ctx.db.transaction().execute(async (tx) => {
      await sql`insert into ha_runs (job_id, node) values (${ctx.jobId}, ${nodeId})`.execute(tx);
      await appendAudit(tx, systemClock, {
        actor: systemActor("ha-test"),
        action: "test.ha_job",
        target: { type: "job", id: String(ctx.jobId) },
        diff: { n: payload.n, node: nodeId },
      });
      await sql`select pg_sleep(0.01)`.execute(tx);
    });
  },
});
const worker = createWorker({
  db: handle.db,
  clock: systemClock,
  logger,
  metrics: createMetrics(),
  jobs: [haJob],
  concurrency: 2,
  workerId: nodeId,
  idleMs: 20,
  // A job whose completion was cut off stays "running" until its lease runs out (5 minutes in the
  // server): short here, so the test sees it reaped and run again.
  leaseMs: 5000,
});
worker.start();
const loops = startNodeLoops({
  db: handle.db,
  clock: systemClock,
  logger,
  node: { id: nodeId, roles: ["worker"], version: "test", databaseKind: "postgres" },
  silentAfterMs: 10_000,
  tickMs: 200,
});
process.stdout.write("ready\n");
process.on("SIGTERM", () => {
  void worker
    .stop(5000)
    .then(() => loops.stop())
    .then(() => handle.close())
    .then(() => process.exit(0));
});
