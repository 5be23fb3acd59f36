import { z } from "zod";
import type { Clock } from "../../platform/clock.js";
import type { Db } from "../../platform/db/connect.js";
import type { BlobStore } from "../../platform/files/blobs.js";
import { type JobDefinition, defineJob, enqueue } from "../../platform/jobs/index.js";
import type { Logger } from "../../platform/log.js";
import { isJobQueuedFrom, selectReferencedBlobs } from "./blob-sweep-store.js";

/** Blobs no row references are removed once they are this old (no transaction runs this long). */
export const ORPHAN_AGE_MS = 60 * 60_000;
const SWEEP_DELAY_MS = 90 * 60_000;
const BATCH = 500;

const sweepSpec = { name: "intake.blobs.sweep", payload: z.object({}), maxAttempts: 3 };

/**
 * Makes sure an orphan clean-up runs after blobs written now could have become orphans. Call it
 * BEFORE putting blobs: if the process dies between the put and the commit, the clean-up is
 * already queued. Under steady traffic this queues one sweep about every half hour.
 */
export async function scheduleBlobSweep(db: Db, clock: Clock): Promise<void> {
  const now = clock.now().getTime();
  if (await isJobQueuedFrom(db, sweepSpec.name, new Date(now + ORPHAN_AGE_MS))) return;
  await enqueue(db, sweepSpec, {}, { runAt: new Date(now + SWEEP_DELAY_MS) });
}

/**
 * Removes blobs older than `cutoff` that no row references (uploads whose report failed or was
 * never committed) and temporary files of interrupted uploads. Returns how many blobs went.
 */
export async function sweepOrphanBlobs(db: Db, blobs: BlobStore, cutoff: Date, logger?: Logger): Promise<number> {
  let removed = 0;
  const sweepBatch = async (batch: string[]) => {
    const referenced = await selectReferencedBlobs(db, batch);
    for (const sha256 of batch) {
      // Checked again: a re-put of the same content renews the time just before its row commits.
      if (!referenced.has(sha256) && (await blobs.isOlderThan(sha256, cutoff))) {
        await blobs.remove(sha256);
        removed++;
      }
    }
  };
  let batch: string[] = [];
  for await (const sha256 of blobs.listOlderThan(cutoff)) {
    batch.push(sha256);
    if (batch.length >= BATCH) {
      await sweepBatch(batch);
      batch = [];
    }
  }
  await sweepBatch(batch);
  const temporary = await blobs.removeStaleTemporaryFiles(cutoff);
  if (removed + temporary > 0) logger?.info({ removed, temporary }, "removed orphan blobs");
  return removed;
}

/** The orphan clean-up job, for the worker's job list. */
export function createBlobSweepJob(blobs: BlobStore): JobDefinition<z.infer<typeof sweepSpec.payload>> {
  return defineJob({
    ...sweepSpec,
    async handler(_payload, ctx) {
      // File times are wall-clock times, so the cutoff is too (not the service clock).
      await sweepOrphanBlobs(ctx.db, blobs, new Date(Date.now() - ORPHAN_AGE_MS), ctx.logger);
    },
  });
}
