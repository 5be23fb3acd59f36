import type { Readable } from "node:stream";
import { z } from "zod";
import { type FeedUploadFields, FeedRunAccepted } from "../../../contract/feeds.js";
import { parseColumnMappingText } from "../../../contract/feed-events.js";
import { appendAudit } from "../../platform/audit.js";
import { systemActor } from "../../platform/auth/actor.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError, conflict } from "../../platform/errors.js";
import type { BlobStore } from "../../platform/files/blobs.js";
import { type JobDefinition, defineJob, enqueue } from "../../platform/jobs/index.js";
import { removeRunEvents } from "./events-store.js";
import type { EventEnricher } from "./enrich/offline-enricher.js";
import { type OwnerLookup, readFeedRun } from "./read-feed-run.js";
import { insertQueuedRun, selectRun, selectSourceById, startRun } from "./sources-store.js";
import { ensureSource } from "./sources.js";
import { storeFeedFile } from "./store-feed-file.js";

// An uploaded feed file (console, API): stored first, then its run recorded as queued together with the
// job that reads it, in one transaction (outbox), so an accepted upload survives any crash: the job
// runs again and the run starts over (a half-read run's events are removed first).

const runSpec = { name: "feeds.run", payload: z.object({ runId: z.uuid() }), maxAttempts: 20 };

/** Stores the file and queues its run; answers the run's id (202). */
export async function acceptFeedFile(
  ctx: ServiceContext & { blobs: BlobStore },
  input: FeedUploadFields & { fileName: string; body: Readable; maxBytes: number },
): Promise<z.infer<typeof FeedRunAccepted>> {
  let mapping;
  if (input.mapping !== undefined && input.format === "csv") {
    const parsed = parseColumnMappingText(input.mapping);
    if (!parsed.success) {
      const message = parsed.error.issues
        .map((i) => [i.path.join("."), i.message].filter(Boolean).join(": "))
        .join("; ");
      throw new AppError("validation_failed", "invalid", "Some fields are invalid", {
        errors: [{ path: "body.mapping", message, code: "feed_mapping_invalid" }],
      });
    }
    mapping = parsed.data;
  }
  const source = await ensureSource(ctx, { name: input.source ?? input.format, format: input.format, mapping });
  const raw = await storeFeedFile(ctx.blobs, input.body, input.maxBytes);
  return ctx.db.transaction().execute(async (tx) => {
    const run = await insertQueuedRun(tx, {
      sourceId: source.id,
      fileName: input.fileName,
      via: ctx.actor.kind === "user" && ctx.actor.via === "token" ? "api" : "upload",
      startedBy: ctx.actor.kind === "user" ? ctx.actor.userId : null,
      raw,
      format: source.format,
      reportType: input.reportType?.toLowerCase() ?? null,
    });
    await enqueue(tx, runSpec, { runId: run.id });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "feed.upload",
      target: { type: "feed_run", id: run.id },
      diff: { source: source.name, file: input.fileName, size: raw.size, reportType: run.report_type },
      ip: ctx.ip ?? null,
    });
    return { id: run.id };
  });
}

/** The job that reads a queued run (worker role). */
export function createFeedRunJob(
  blobs: BlobStore,
  owners?: OwnerLookup,
  enrich?: EventEnricher,
): JobDefinition<z.infer<typeof runSpec.payload>> {
  return defineJob({
    ...runSpec,
    async handler({ runId }, job) {
      const ctx = { db: job.db, clock: job.clock, actor: systemActor("feeds"), blobs, owners, enrich };
      const found = await selectRun(job.db, runId);
      if (!found || found.status === "done" || found.status === "failed") return;
      const source = await selectSourceById(job.db, found.source_id);
      if (!source) return;
      // Handed over again after a crash: what the last attempt stored goes first.
      if (found.status === "running") await removeRunEvents(job.db, source.id, runId);
      const run = await startRun(job.db, runId);
      // Another file of the source is being read: the queue tries again later.
      if (!run) throw conflict("feed_run_in_progress", `The source ${source.name} is already reading a file`);
      try {
        await readFeedRun(ctx, source, run);
      } catch (err) {
        // A file Fyr refuses is a failed run (recorded), not a job to try again.
        if (err instanceof AppError) return;
        throw err;
      }
    },
  });
}
