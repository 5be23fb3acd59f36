import type { Db } from "../db/connect.js";
import type { JobStatus } from "../db/tables/platform.js";
import type { Metrics } from "../metrics.js";

export const JOB_STATUSES = ["queued", "running", "done", "failed"] as const satisfies readonly JobStatus[];

/** How many jobs are in each status right now (0 for a status with none). */
export async function readQueueDepth(db: Db): Promise<Record<JobStatus, number>> {
  const rows = await db
    .selectFrom("jobs")
    .select(["status", (eb) => eb.fn.countAll<number>().as("count")])
    .groupBy("status")
    .execute();
  const depth: Record<JobStatus, number> = { queued: 0, running: 0, done: 0, failed: 0 };
  for (const row of rows) depth[row.status] = Number(row.count);
  return depth;
}

/** Sets the `fyr_job_queue_depth` gauge; called before each /metrics scrape. */
export async function refreshQueueDepthMetric(db: Db, metrics: Metrics): Promise<void> {
  const depth = await readQueueDepth(db);
  for (const status of JOB_STATUSES) metrics.jobQueueDepth.set({ status }, depth[status]);
}
