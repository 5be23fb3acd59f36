import type { JobsPage, JobsQuery } from "../../../contract/operations.js";
import { appendAudit } from "../../platform/audit.js";
import type { ServiceContext } from "../../platform/deps.js";
import { conflict, notFound } from "../../platform/errors.js";
import { requeueFailedJob } from "../../platform/jobs/index.js";
import { findJob } from "../../platform/jobs/store.js";
import { readKeysetPage } from "../../platform/keyset-page.js";
import { ID_KEYS } from "./cursor.js";
import { assertMayOperate } from "./policy.js";
import { selectJobs } from "./store.js";

/** One page of jobs, newest first, optionally of one status (the console shows failed ones). */
export async function listJobs(ctx: ServiceContext, query: JobsQuery): Promise<JobsPage> {
  assertMayOperate(ctx.actor);
  const { rows, nextCursor } = await readKeysetPage(
    query,
    ID_KEYS,
    ({ after, limit }) => selectJobs(ctx.db, query.status, after?.id, limit),
    (row) => ({ id: row.id }),
  );
  return {
    nextCursor,
    items: rows.map((row) => ({
      id: row.id,
      name: row.name,
      status: row.status,
      attempts: row.attempts,
      maxAttempts: row.max_attempts,
      lastError: row.last_error,
      runAt: row.run_at.toISOString(),
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    })),
  };
}

/** Puts a failed job back in the queue with a fresh attempt budget (audited: job.retried). */
export async function retryJob(ctx: ServiceContext, id: number): Promise<void> {
  assertMayOperate(ctx.actor);
  await ctx.db.transaction().execute(async (tx) => {
    const job = await findJob(tx, id);
    if (!job) throw notFound("job_not_found", "No such job");
    if (!(await requeueFailedJob(tx, id, ctx.clock.now())))
      throw conflict("job_not_failed", "Only a failed job can be retried");
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "job.retried",
      target: { type: "job", id: String(id) },
      diff: { name: job.name, attempts: job.attempts, lastError: job.last_error },
      ip: ctx.ip,
    });
  });
}
