import type { Db } from "../db/connect.js";
import type { JobSpec } from "./define.js";
import { type NewJob, insertJob, jobInsert } from "./store.js";

export interface EnqueueOptions {
  /** Not before this time (default: now, by the database's clock). */
  runAt?: Date;
  /** Overrides the job type's attempt budget for this one job. */
  maxAttempts?: number;
}

/**
 * Queues a job. Pass the transaction of the write that causes it (outbox pattern): the job
 * exists exactly when that write commits. The payload is checked against the job's schema here
 * and again when it runs.
 */
export async function enqueue<P>(db: Db, job: JobSpec<P>, payload: P, opts: EnqueueOptions = {}): Promise<number> {
  return insertJob(db, newJob(job, payload, opts));
}

/** enqueue's insert, not yet run: for a hot path that writes it with its cause in one statement. */
export function enqueueWrite<P>(db: Db, job: JobSpec<P>, payload: P, opts: EnqueueOptions = {}) {
  return jobInsert(db, newJob(job, payload, opts));
}

/** A job checked against its schema, ready for insertJob (or for a store that writes it with its cause). */
export function newJob<P>(job: JobSpec<P>, payload: P, opts: EnqueueOptions = {}): NewJob {
  const parsed = job.payload.safeParse(payload);
  if (!parsed.success) {
    // A programming error, not bad client input: features validate their input before this.
    const where = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new Error(`payload for job ${job.name} does not match its schema: ${where}`);
  }
  return {
    name: job.name,
    payload: parsed.data,
    runAt: opts.runAt,
    maxAttempts: opts.maxAttempts ?? job.maxAttempts,
    priority: job.priority,
  };
}
