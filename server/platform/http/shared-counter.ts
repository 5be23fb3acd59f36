import type { Db } from "../db/connect.js";
import type { Logger } from "../log.js";
import { addNodeCounts, deleteExpiredCounts, otherNodesCounts } from "./shared-counter-store.js";

/** The count of a bucket in its current window, all processes together, and when the window ends. */
export interface CounterReading {
  total: number;
  resetMs: number;
}

interface Entry {
  bucket: string;
  windowStart: number;
  windowMs: number;
  /** Counted by this process in this window. */
  local: number;
  /** Counted here but not yet written to the database. */
  pending: number;
  /** The other processes' sum, as last read. */
  others: number;
  /** The first read of the other processes' sum, while it runs. */
  loading: Promise<void> | null;
}

export interface SharedCounterOptions {
  db: Db;
  /** This process's name in `shared_counts.node`; unique per process. */
  node: string;
  logger: Logger;
  flushMs?: number;
  now?: () => number;
}

const SWEEP_EVERY_MS = 60_000;

/**
 * Fixed-window counters shared by every process on one database (rate limits, upload quotas).
 *
 * Counting happens in memory: `add` never waits for the database except once per bucket and window
 * (the first time this process sees it, it reads what the others counted so far). About once a second
 * `flush` writes this process's increments to its own rows — one statement for all buckets — and
 * reads the other processes' sums back. So a total is exact for this process and at most a second or
 * two behind for the others; one client spread over N processes can exceed a limit by what those
 * processes admit in that time. The price buys a hot path with no row lock: a row per request for a
 * busy client would serialise every request on that row.
 */
export class SharedCounter {
  private readonly entries = new Map<string, Entry>();
  private readonly db: Db;
  private readonly node: string;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly flushMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private lastSweep = 0;

  constructor(options: SharedCounterOptions) {
    this.db = options.db;
    this.node = options.node;
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
    this.flushMs = options.flushMs ?? 1000;
  }

  /** Starts the once-a-second flush (unref'd: it never keeps a process alive). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  /** Stops the flush loop and writes what is still pending. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** Adds `amount` (0 reads) to `bucket` in its current window of `windowMs`; answers the total so far. */
  async add(bucket: string, windowMs: number, amount = 1): Promise<CounterReading> {
    const now = this.now();
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const id = `${windowMs}:${windowStart}:${bucket}`;
    let entry = this.entries.get(id);
    if (!entry) {
      const created: Entry = { bucket, windowStart, windowMs, local: 0, pending: 0, others: 0, loading: null };
      created.loading = this.loadOthers(created);
      this.entries.set(id, created);
      entry = created;
    }
    // Counted before waiting, so requests arriving together are all counted.
    entry.local += amount;
    entry.pending += amount;
    if (entry.loading) await entry.loading;
    return { total: entry.local + entry.others, resetMs: windowStart + windowMs - now };
  }

  /**
   * Writes what is pending now and refreshes the other processes' sums. One run at a time: a call
   * during a run waits for it and then runs once more (callers arriving meanwhile share that run),
   * since the running one may have taken its snapshot before their increments.
   */
  flush(): Promise<void> {
    if (this.queued) return this.queued;
    const run = (): Promise<void> =>
      this.flushOnce().finally(() => {
        if (this.running === current) this.running = null;
      });
    let current: Promise<void>;
    if (this.running) {
      current = this.running.then(() => {
        this.queued = null;
        return run();
      });
      this.queued = current;
    } else {
      current = run();
    }
    this.running = current;
    return current;
  }

  private async loadOthers(entry: Entry): Promise<void> {
    try {
      const [row] = await otherNodesCounts(this.db, this.node, [
        { bucket: entry.bucket, windowStart: new Date(entry.windowStart) },
      ]);
      entry.others = row?.count ?? 0;
    } catch (err) {
      // A limit must not turn a database hiccup into refusals; this process's own count still holds.
      this.logger.warn({ err }, "shared counter: reading other processes' counts failed");
    } finally {
      entry.loading = null;
    }
  }

  private async flushOnce(): Promise<void> {
    const now = this.now();
    const increments = [];
    const written: [Entry, number][] = [];
    for (const [id, e] of this.entries) {
      const end = e.windowStart + e.windowMs;
      if (e.pending > 0) {
        increments.push({
          bucket: e.bucket,
          windowStart: new Date(e.windowStart),
          amount: e.pending,
          // Kept a window longer than needed, so a clock a little behind elsewhere still finds it.
          expiresAt: new Date(end + e.windowMs),
        });
        written.push([e, e.pending]);
        e.pending = 0;
      }
      if (end <= now) this.entries.delete(id);
    }
    try {
      await addNodeCounts(this.db, this.node, increments);
    } catch (err) {
      for (const [e, amount] of written) e.pending += amount;
      this.logger.warn({ err }, "shared counter: writing counts failed; retrying at the next flush");
      return;
    }
    const live = [...this.entries.values()].filter((e) => !e.loading);
    try {
      const rows = await otherNodesCounts(
        this.db,
        this.node,
        live.map((e) => ({ bucket: e.bucket, windowStart: new Date(e.windowStart) })),
      );
      const sums = new Map(rows.map((r) => [`${r.windowStart.getTime()}:${r.bucket}`, r.count]));
      for (const e of live) e.others = sums.get(`${e.windowStart}:${e.bucket}`) ?? 0;
      if (now - this.lastSweep >= SWEEP_EVERY_MS) {
        this.lastSweep = now;
        await deleteExpiredCounts(this.db, new Date(now));
      }
    } catch (err) {
      this.logger.warn({ err }, "shared counter: reading other processes' counts failed");
    }
  }
}
