import type { z } from "zod";
import type { Clock } from "../clock.js";
import type { Db } from "../db/connect.js";
import type { Logger } from "../log.js";

/** What a job handler receives besides its payload. */
export interface JobContext {
  /** The database (not a transaction): open one with `db.transaction()` when the work needs it. */
  db: Db;
  clock: Clock;
  logger: Logger;
  jobId: number;
  /** 1 on the first run, counting every claim (including this one). */
  attempt: number;
  /** After this many attempts the job is marked failed instead of being retried. */
  maxAttempts: number;
}

/** The part of a job that enqueuing needs: its name, payload schema and default attempt budget. */
export interface JobSpec<P> {
  name: string;
  payload: z.ZodType<P>;
  maxAttempts?: number;
  /** Lower runs first: JOB_PRIORITY.interactive for what a person waits for, .bulk for backfills. */
  priority?: number;
}

/** Job priorities (jobs.priority, 0037). Lower runs first; equal ones oldest first. */
export const JOB_PRIORITY = {
  /** A person is waiting: mail (receipts, notifications). */
  interactive: 10,
  normal: 100,
  /** Catching up over everything stored: rescans, backfills, sweeps. */
  bulk: 200,
} as const;

/** A runnable job: name + zod payload + handler. Handlers must tolerate running again after a crash. */
export interface JobDefinition<P> extends JobSpec<P> {
  // Method syntax on purpose: lets a JobDefinition<X> stand in a JobDefinition<unknown>[] list.
  handler(payload: P, ctx: JobContext): Promise<void>;
}

/** Declares a job type; pass the result to `enqueue` and to the worker's `jobs` list. */
export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  if (!/^[a-z][a-z0-9_.-]{0,99}$/.test(definition.name)) throw new Error(`bad job name "${definition.name}"`);
  return definition;
}

/** A job definition with its payload type erased, as the worker holds them. */
export type AnyJobDefinition = JobDefinition<unknown>;
