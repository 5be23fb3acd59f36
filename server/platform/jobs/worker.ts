import type { Clock } from "../clock.js";
import type { Db } from "../db/connect.js";
import type { Logger } from "../log.js";
import type { Metrics } from "../metrics.js";
import { retryDelayMs } from "./backoff.js";
import type { AnyJobDefinition } from "./define.js";
import { type LagGauge, watchEventLoopLag } from "./event-loop-lag.js";
import {
  type JobRow,
  claimNextJob,
  markJobDone,
  markJobFailed,
  pruneDoneJobs,
  reapExpiredJobs,
  releaseJobs,
  renewJobLeases,
  scheduleJobRetry,
} from "./store.js";

export interface WorkerOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  jobs: readonly AnyJobDefinition[];
  /** Handlers running at once in this process. */
  concurrency: number;
  /** Unique per process; recorded as `locked_by` on the jobs it runs. */
  workerId: string;
  /** Pause between polls when the queue is empty. */
  idleMs?: number;
  /** A running job whose lease is older than this is presumed orphaned and requeued. */
  leaseMs?: number;
  /** Delay before the next attempt after attempt n failed. */
  retryDelay?: (attempt: number) => number;
  /** Done jobs are deleted this long after finishing. */
  keepDoneMs?: number;
  /**
   * Event-loop lag (ms) above which the worker steps back for request handling in the same process:
   * one handler at a time, and a pause of idleMs before each claim. Default 20; 0 turns it off.
   */
  yieldLagMs?: number;
  /** The lag to go by (default: this process's event loop, measured). */
  lagMs?: () => number;
  /** True while requests queue in this process (http/request-load.ts): the worker steps back as for lag. */
  requestsBusy?: () => boolean;
}

export interface Worker {
  /** Starts polling; returns at once. */
  start(): void;
  /** Stops claiming, waits up to graceMs for running handlers, then returns the rest to the queue. */
  stop(graceMs: number): Promise<void>;
  /** Runs due jobs one by one until none is due; for tests and one-shot commands. Returns how many ran. */
  drain(): Promise<number>;
}

const DAY_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;
const MAX_ERROR_CHARS = 4000;

/** Text worth keeping from whatever a handler threw. */
function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}…` : text;
}

/**
 * The job worker: claims due jobs (SKIP LOCKED, so any number of worker processes can share
 * the queue and each job runs once), runs up to `concurrency` handlers, retries with back-off,
 * renews leases while handlers run and requeues jobs whose worker vanished.
 */
export function createWorker(options: WorkerOptions): Worker {
  const { db, clock, logger, metrics, workerId } = options;
  const idleMs = options.idleMs ?? 300;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const retryDelay = options.retryDelay ?? retryDelayMs;
  const keepDoneMs = options.keepDoneMs ?? 7 * DAY_MS;
  const concurrency = Math.max(1, options.concurrency);
  const byName = new Map(options.jobs.map((job) => [job.name, job]));
  const yieldLagMs = options.yieldLagMs ?? 20;
  let lagGauge: LagGauge | undefined;
  const lagMs = options.lagMs ?? (() => lagGauge?.lagMs() ?? 0);
  // Under load a trickle still flows (one at a time), so receipts are late rather than never sent.
  const requestsBusy = options.requestsBusy ?? (() => false);
  const busy = () => (yieldLagMs > 0 && lagMs() > yieldLagMs) || requestsBusy();

  const active = new Map<number, Promise<void>>();
  let running = false;
  let loopDone: Promise<void> = Promise.resolve();
  let wake: (() => void) | undefined;
  let maintenanceTimer: NodeJS.Timeout | undefined;
  let maintaining = false;
  let lastPrune = 0;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  async function runJob(job: JobRow): Promise<void> {
    const now = () => clock.now();
    const definition = byName.get(job.name);
    const fail = async (message: string) => {
      metrics.jobFailures.inc({ name: job.name });
      await markJobFailed(db, job.id, workerId, now(), message);
    };
    if (!definition) {
      logger.error({ jobId: job.id, name: job.name }, "job has no handler in this process; failed");
      return fail(`unknown job "${job.name}": no handler is registered for it`);
    }
    const payload = definition.payload.safeParse(job.payload);
    if (!payload.success) {
      // Retrying cannot fix a payload, so this fails at once.
      const where = payload.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
      return fail(`payload does not match the schema of ${job.name}: ${where}`);
    }
    const jobLogger = logger.child({ job: job.name, jobId: job.id, attempt: job.attempts });
    try {
      await definition.handler(payload.data, {
        db,
        clock,
        logger: jobLogger,
        jobId: job.id,
        attempt: job.attempts,
        maxAttempts: job.max_attempts,
      });
    } catch (err) {
      metrics.jobFailures.inc({ name: job.name });
      const message = errorText(err);
      if (job.attempts >= job.max_attempts) {
        jobLogger.error({ err }, "job failed for the last time");
        await markJobFailed(db, job.id, workerId, now(), message);
      } else {
        const runAt = new Date(now().getTime() + retryDelay(job.attempts));
        jobLogger.warn({ err, runAt }, "job failed; will retry");
        await scheduleJobRetry(db, job.id, workerId, now(), runAt, message);
      }
      return;
    }
    await markJobDone(db, job.id, workerId, now());
  }

  function startJob(job: JobRow): void {
    const run = runJob(job)
      .catch((err: unknown) => {
        // Recording the outcome failed (database gone?); the lease reaper will requeue the job.
        logger.error({ err, jobId: job.id }, "could not record job outcome");
      })
      .finally(() => {
        active.delete(job.id);
        wake?.();
      });
    active.set(job.id, run);
  }

  async function maintain(): Promise<void> {
    if (maintaining) return;
    maintaining = true;
    try {
      await renewJobLeases(db, [...active.keys()], workerId, clock.now());
      const reaped = await reapExpiredJobs(db, clock.now(), leaseMs);
      for (const job of reaped)
        logger.warn({ jobId: job.id, name: job.name, status: job.status }, "reaped orphaned job");
      if (Date.now() - lastPrune >= PRUNE_EVERY_MS) {
        lastPrune = Date.now();
        const pruned = await pruneDoneJobs(db, new Date(clock.now().getTime() - keepDoneMs));
        if (pruned > 0) logger.info({ pruned }, "pruned finished jobs");
      }
    } catch (err) {
      logger.error({ err }, "job maintenance failed");
    } finally {
      maintaining = false;
    }
  }

  async function loop(): Promise<void> {
    await maintain();
    while (running) {
      const yielding = busy();
      if (active.size >= (yielding ? 1 : concurrency)) {
        await Promise.race([...active.values(), sleep(idleMs * 10)]);
        continue;
      }
      if (yielding) {
        await sleep(idleMs);
        if (!running) break;
      }
      let job: JobRow | undefined;
      try {
        job = await claimNextJob(db, workerId, clock.now());
      } catch (err) {
        logger.error({ err }, "could not claim a job");
        await sleep(idleMs * 10);
        continue;
      }
      // A job claimed while stop() was called still runs: stop() waits for it like any other.
      if (job) startJob(job);
      else if (running) await sleep(idleMs);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      if (!options.lagMs && yieldLagMs > 0) lagGauge ??= watchEventLoopLag();
      loopDone = loop();
      // Leases are renewed on a timer, not in the loop, so long handlers keep theirs.
      maintenanceTimer = setInterval(() => void maintain(), Math.max(1000, Math.floor(leaseMs / 5)));
      maintenanceTimer.unref();
      logger.info({ workerId, concurrency, jobs: [...byName.keys()] }, "job worker started");
    },

    async stop(graceMs) {
      running = false;
      wake?.();
      clearInterval(maintenanceTimer);
      lagGauge?.stop();
      lagGauge = undefined;
      await loopDone;
      if (active.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        const grace = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, graceMs);
        });
        await Promise.race([Promise.allSettled(active.values()), grace]);
        clearTimeout(timer);
      }
      if (active.size > 0) {
        const ids = [...active.keys()];
        const released = await releaseJobs(db, ids, workerId, clock.now()).catch((err: unknown) => {
          logger.error({ err, ids }, "could not return running jobs to the queue; the lease reaper will");
          return 0;
        });
        logger.warn({ ids, released }, "returned unfinished jobs to the queue");
      }
    },

    async drain() {
      let ran = 0;
      for (;;) {
        const job = await claimNextJob(db, workerId, clock.now());
        if (!job) return ran;
        await runJob(job);
        ran++;
      }
    },
  };
}
