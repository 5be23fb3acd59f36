import type { Db } from "./db/connect.js";
import { type Lease, LeaseLostError, fenced, releaseLease, tryAcquireLease } from "./lease.js";
import type { Logger } from "./log.js";
import { type Periodic, startPeriodic } from "./periodic.js";

/** What a leased pass is given: its lease, and the one way to write under it. */
export interface Fence {
  lease: Lease;
  /** One transaction that writes only while the lease is still this node's (else LeaseLostError). */
  run<T>(work: (tx: Db) => Promise<T>): Promise<T>;
}

export interface LeasedPeriodicOptions {
  what: string;
  logger: Logger;
  intervalMs: number;
  db: Db;
  /** The lease row's name: one per loop, the same on every node. */
  lease: string;
  /** This node's name (app.ts). */
  holder: string;
  /** How long a lease outlives its last renewal; by default three intervals, at least 30 s. */
  ttlMs?: number;
  pass: (fence: Fence) => Promise<void>;
}

/**
 * Scheduled work that runs once per tick across all nodes: each node tries the lease every interval,
 * and only its holder runs the pass. When the holder stops ticking (killed, paused, cut off), another
 * node takes over once the lease expires, at a higher epoch.
 */
export function startLeasedPeriodic(options: LeasedPeriodicOptions): Periodic {
  const ttlMs = options.ttlMs ?? Math.max(3 * options.intervalMs, 30_000);
  let held: Lease | undefined;
  const loop = startPeriodic({
    what: options.what,
    logger: options.logger,
    intervalMs: options.intervalMs,
    async pass() {
      const lease = await tryAcquireLease(options.db, options.lease, options.holder, ttlMs);
      if (!lease) {
        held = undefined;
        return;
      }
      if (held && held.epoch !== lease.epoch)
        options.logger.info({ lease: lease.name, epoch: lease.epoch }, `${options.what}: lease taken (again)`);
      held = lease;
      try {
        await options.pass({ lease, run: (work) => fenced(options.db, lease, ttlMs, work) });
      } catch (err) {
        if (!(err instanceof LeaseLostError)) throw err;
        held = undefined;
        options.logger.warn({ lease: lease.name, epoch: lease.epoch }, `${options.what}: lease lost; write refused`);
      }
    },
  });
  return {
    async stop() {
      await loop.stop();
      if (held) await releaseLease(options.db, held).catch(() => undefined);
    },
  };
}
