import { type Insertable, type Selectable, sql } from "kysely";
import type { Db } from "../db/connect.js";
import type { JobStatus, JobsTable } from "../db/tables/platform.js";

export type JobRow = Selectable<JobsTable>;

export interface NewJob {
  name: string;
  payload: unknown;
  runAt?: Date;
  maxAttempts?: number;
  /** Lower runs first (default 100; JOB_PRIORITY). */
  priority?: number;
}

/** The jobs row for a new job (for stores that insert it together with what causes it). */
export function jobValues(job: NewJob): Insertable<JobsTable> {
  return {
    name: job.name,
    payload: JSON.stringify(job.payload),
    ...(job.runAt ? { run_at: job.runAt } : {}),
    ...(job.maxAttempts ? { max_attempts: job.maxAttempts } : {}),
    ...(job.priority !== undefined ? { priority: job.priority } : {}),
  };
}

/** The insert of a job, not yet run: for a caller that writes it with others (db/write-together.ts). */
export function jobInsert(db: Db, job: NewJob) {
  return db.insertInto("jobs").values(jobValues(job));
}

/** Inserts one queued job; the caller's transaction decides whether it exists. */
export async function insertJob(db: Db, job: NewJob): Promise<number> {
  const row = await jobInsert(db, job).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Takes the most urgent due job for this worker: lowest priority first, then the oldest. One statement, so the row lock lasts only as long
 * as the UPDATE; SKIP LOCKED lets concurrent workers pass over each other's candidates.
 */
export async function claimNextJob(db: Db, workerId: string, now: Date): Promise<JobRow | undefined> {
  return db
    .updateTable("jobs")
    .set({
      status: "running",
      attempts: sql`attempts + 1`,
      locked_by: workerId,
      locked_at: now,
      updated_at: now,
    })
    .where("id", "=", (eb) =>
      eb
        .selectFrom("jobs")
        .select("id")
        .where("status", "=", "queued")
        .where("run_at", "<=", now)
        .orderBy("priority")
        .orderBy("run_at")
        .orderBy("id")
        .limit(1)
        .forUpdate()
        .skipLocked(),
    )
    .where("status", "=", "queued")
    .returningAll()
    .executeTakeFirst();
}

// Every transition out of 'running' checks the lock owner: a job the reaper or a graceful stop
// handed to someone else must not be overwritten by its former worker.
const ownedBy = (db: Db, id: number, workerId: string) =>
  db.updateTable("jobs").where("id", "=", id).where("status", "=", "running").where("locked_by", "=", workerId);

/** Records success. */
export async function markJobDone(db: Db, id: number, workerId: string, now: Date): Promise<void> {
  await ownedBy(db, id, workerId)
    .set({ status: "done", finished_at: now, updated_at: now, locked_by: null, locked_at: null })
    .execute();
}

/** Puts a failed attempt back in the queue to run again at `runAt`. */
export async function scheduleJobRetry(
  db: Db,
  id: number,
  workerId: string,
  now: Date,
  runAt: Date,
  error: string,
): Promise<void> {
  await ownedBy(db, id, workerId)
    .set({ status: "queued", run_at: runAt, last_error: error, updated_at: now, locked_by: null, locked_at: null })
    .execute();
}

/** Gives up on a job: it stays 'failed' until an admin retries it. */
export async function markJobFailed(db: Db, id: number, workerId: string, now: Date, error: string): Promise<void> {
  await ownedBy(db, id, workerId)
    .set({ status: "failed", last_error: error, finished_at: now, updated_at: now, locked_by: null, locked_at: null })
    .execute();
}

/** Returns this worker's unfinished jobs to the queue; the interrupted attempt does not count. */
export async function releaseJobs(db: Db, ids: number[], workerId: string, now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .updateTable("jobs")
    .set({
      status: "queued",
      attempts: sql`greatest(attempts - 1, 0)`,
      run_at: now,
      updated_at: now,
      locked_by: null,
      locked_at: null,
    })
    .where("id", "in", ids)
    .where("status", "=", "running")
    .where("locked_by", "=", workerId)
    .returning("id")
    .execute();
  return rows.length;
}

/** Renews the lease on the jobs this worker is running. */
export async function renewJobLeases(db: Db, ids: number[], workerId: string, now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("jobs")
    .set({ locked_at: now })
    .where("id", "in", ids)
    .where("status", "=", "running")
    .where("locked_by", "=", workerId)
    .execute();
}

/**
 * Requeues running jobs whose lease ran out (their worker died). A job that has used up its
 * attempts this way is failed instead, so a job that kills its worker cannot loop forever.
 */
export async function reapExpiredJobs(db: Db, now: Date, leaseMs: number): Promise<JobRow[]> {
  const cutoff = new Date(now.getTime() - leaseMs);
  return db
    .updateTable("jobs")
    .set({
      status: sql<JobStatus>`case when attempts >= max_attempts then 'failed' else 'queued' end`,
      finished_at: sql<Date | null>`case when attempts >= max_attempts then ${now}::timestamptz else null end`,
      last_error: sql<string>`'worker ' || coalesce(locked_by, '?') || ' stopped answering (lease expired)'`,
      run_at: now,
      updated_at: now,
      locked_by: null,
      locked_at: null,
    })
    .where("status", "=", "running")
    .where("locked_at", "<", cutoff)
    .returningAll()
    .execute();
}

/** Deletes finished jobs older than `before`. */
export async function pruneDoneJobs(db: Db, before: Date): Promise<number> {
  const result = await db
    .deleteFrom("jobs")
    .where("status", "=", "done")
    .where("finished_at", "<", before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Puts a failed job back in the queue with a fresh attempt budget; false when it is not failed. */
export async function requeueFailedJob(db: Db, id: number, now: Date): Promise<boolean> {
  const rows = await db
    .updateTable("jobs")
    .set({ status: "queued", attempts: 0, run_at: now, updated_at: now, finished_at: null })
    .where("id", "=", id)
    .where("status", "=", "failed")
    .returning("id")
    .execute();
  return rows.length > 0;
}

/** One job by id. */
export async function findJob(db: Db, id: number): Promise<JobRow | undefined> {
  return db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
}
