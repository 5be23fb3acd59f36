import { appendAudit } from "../../platform/audit.js";
import { systemActor } from "../../platform/auth/actor.js";
import type { Clock } from "../../platform/clock.js";
import type { Db } from "../../platform/db/connect.js";
import { removeRunEvents } from "./events-store.js";
import { enqueueFeedRun } from "./accept-feed-file.js";
import { finishRun, requeueRun, selectStaleRuns } from "./sources-store.js";

// A run is read by one process that says it is alive as it goes (read-feed-run.ts beats on every
// batch). A process that died midway — a CLI import killed, a worker lost with its machine — leaves
// its run "running", and the one-running-run-per-source rule would block the source for good. The
// reaper fails such a run: its events and findings are removed, exactly as a failed run's are, so
// the same file read again (a new run, or the job queue's next attempt) stores everything once.

/** Minutes without a sign of life after which a running run is taken as dead. */
export const STALE_RUN_MINUTES = 15;

/**
 * Takes back the runs that stopped beating; answers how many. A file the job queue reads (upload, API,
 * mail, pull) is queued again and read from the start; a CLI import's run is failed (its process is
 * gone: whoever ran it runs it again, `fyr feed import` or the rerun).
 */
export async function reapStaleRuns(db: Db, clock: Clock, minutes = STALE_RUN_MINUTES): Promise<number> {
  const now = clock.now();
  const stale = await selectStaleRuns(db, new Date(now.getTime() - minutes * 60_000));
  for (const run of stale) {
    const error = `Stopped without finishing: no sign of life for ${minutes} minutes (the reading process ended)`;
    await removeRunEvents(db, run.source_id, run.id);
    const requeue = run.received_via !== "cli";
    await db.transaction().execute(async (tx) => {
      const audit = {
        actor: systemActor("feed-reaper"),
        action: requeue ? "feed.run_requeued" : "feed.run_reaped",
        target: { type: "feed_run", id: run.id },
        diff: { source: run.source_name, file: run.file_name, startedAt: run.started_at.toISOString(), minutes },
        ip: null,
      };
      if (requeue) {
        await requeueRun(tx, run.id);
        await enqueueFeedRun(tx, run.id);
        await appendAudit(tx, clock, audit);
        return;
      }
      await finishRun(tx, run.id, {
        status: "failed",
        rows_read: run.rows_read,
        events_stored: 0,
        duplicates: run.duplicates,
        malformed: run.malformed,
        matched: 0,
        error,
        report_type: run.report_type,
        malformed_sample: run.malformed_sample,
        finished_at: now,
      });
      await appendAudit(tx, clock, audit);
    });
  }
  return stale.length;
}
