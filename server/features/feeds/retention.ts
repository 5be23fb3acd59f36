import { sql } from "kysely";
import { appendAudit } from "../../platform/audit.js";
import { systemActor } from "../../platform/auth/actor.js";
import type { Clock } from "../../platform/clock.js";
import type { Db } from "../../platform/db/connect.js";
import type { Logger } from "../../platform/log.js";
import { type Periodic, startPeriodic } from "../../platform/periodic.js";
import { dropPartitionsBefore, ensureMonthPartitions, forgetPartitions } from "./partitions.js";

// Retention of feed events (FYR_FEED_RETENTION_MONTHS): whole month partitions older than the setting
// are dropped — no row-by-row delete of hundreds of millions of events — and next month's partition is
// made ahead of time, so the first event of a month never waits for DDL.

/** The first instant kept: the start of the month `months - 1` before this one (this month counts). */
export function retentionCutoff(now: Date, months: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1));
}

/** One pass: drops what is past retention (audited), makes this and next month's partitions. */
export async function keepFeedPartitions(
  db: Db,
  clock: Clock,
  months: number,
): Promise<{ dropped: string[]; cutoff: Date }> {
  const now = clock.now();
  const cutoff = retentionCutoff(now, months);
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  await ensureMonthPartitions(db, [now, next]);
  const dropped = await db.transaction().execute(async (tx) => {
    const names = await dropPartitionsBefore(tx, cutoff);
    // What the default partition holds from before the cutoff, and the findings seen before it, go too.
    const stray = await sql`delete from feed_events_default where time_source < ${cutoff}`.execute(tx);
    await sql`delete from feed_seen where seen_at < ${cutoff}`.execute(tx);
    const strayEvents = Number(stray.numAffectedRows ?? 0n);
    if (names.length > 0 || strayEvents > 0) {
      await appendAudit(tx, clock, {
        actor: systemActor("feed-retention"),
        action: "feed.retention",
        target: { type: "feed_events", id: cutoff.toISOString().slice(0, 7) },
        diff: { cutoff: cutoff.toISOString(), months, dropped: names, strayEvents },
        ip: null,
      });
    }
    return names;
  });
  forgetPartitions(db, dropped);
  return { dropped, cutoff };
}

/** The keeper, every few hours (worker role). */
export function startFeedRetention(options: { db: Db; clock: Clock; logger: Logger; months: number }): Periodic {
  return startPeriodic({
    what: "feed retention",
    logger: options.logger,
    intervalMs: 6 * 3_600_000,
    pass: async () => {
      const { dropped, cutoff } = await keepFeedPartitions(options.db, options.clock, options.months);
      if (dropped.length > 0) options.logger.info({ dropped, cutoff }, "dropped feed event partitions past retention");
    },
  });
}
