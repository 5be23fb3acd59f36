import type { Readable } from "node:stream";
import { z } from "zod";
import { type FeedUploadFields, FeedRunAccepted } from "../../../contract/feeds.js";
import { appendAudit } from "../../platform/audit.js";
import { systemActor } from "../../platform/auth/actor.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError, conflict, notFound } from "../../platform/errors.js";
import type { Db } from "../../platform/db/connect.js";
import type { BlobStore } from "../../platform/files/blobs.js";
import { type JobDefinition, defineJob, enqueue } from "../../platform/jobs/index.js";
import { removeRunEvents } from "./events-store.js";
import type { EventEnricher } from "./enrich/offline-enricher.js";
import { type OwnerLookup, readFeedRun } from "./read-feed-run.js";
import {
  type FeedRunRow,
  type FeedSourceRow,
  insertQueuedRun,
  selectRun,
  selectRunByOrigin,
  selectSourceById,
  startRun,
} from "./sources-store.js";
import { ensureSource, isMappedFormat, mappingFromText } from "./sources.js";
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
  const mapping =
    input.mapping !== undefined && isMappedFormat(input.format) ? mappingFromText(input.mapping) : undefined;
  const source = await ensureSource(ctx, { name: input.source ?? input.format, format: input.format, mapping });
  const raw = await storeFeedFile(ctx.blobs, input.body, input.maxBytes);
  const run = await queueStoredFile(ctx, source, {
    fileName: input.fileName,
    via: ctx.actor.kind === "user" && ctx.actor.via === "token" ? "api" : "upload",
    raw,
    reportType: input.reportType?.toLowerCase() ?? null,
  });
  if (!run) throw new Error("an upload has no origin, so it cannot conflict");
  return { id: run.id };
}

/** True when a delivery of this origin (a Message-ID and part, a report id) was recorded already. */
export async function fetchedBefore(ctx: ServiceContext, sourceId: string, originKey: string): Promise<boolean> {
  return (await selectRunByOrigin(ctx.db, sourceId, originKey)) !== undefined;
}

/**
 * A file a source fetched itself (a mail's attachment, a pulled URL, a Reports API report), already
 * stored: queued like an upload, once per origin — a delivery recorded before answers null.
 */
export async function queueFetchedFile(
  ctx: ServiceContext,
  source: FeedSourceRow,
  file: { fileName: string; via: "mail" | "pull"; originKey: string; raw: { sha256: string; size: number } },
): Promise<FeedRunRow | null> {
  return queueStoredFile(ctx, source, { ...file, reportType: null });
}

/** The run of a stored file recorded as queued with its job and audit, in one transaction. */
async function queueStoredFile(
  ctx: ServiceContext,
  source: FeedSourceRow,
  file: {
    fileName: string;
    via: FeedRunRow["received_via"];
    raw: { sha256: string; size: number };
    reportType: string | null;
    originKey?: string;
  },
): Promise<FeedRunRow | null> {
  return ctx.db.transaction().execute(async (tx) => {
    const run = await insertQueuedRun(tx, {
      sourceId: source.id,
      fileName: file.fileName,
      via: file.via,
      startedBy: ctx.actor.kind === "user" ? ctx.actor.userId : null,
      raw: file.raw,
      format: source.format,
      reportType: file.reportType,
      originKey: file.originKey,
    });
    // Another node took the same delivery meanwhile.
    if (!run) return null;
    await enqueueFeedRun(tx, run.id);
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: file.via === "mail" || file.via === "pull" ? "feed.fetch" : "feed.upload",
      target: { type: "feed_run", id: run.id },
      diff: {
        source: source.name,
        file: file.fileName,
        size: file.raw.size,
        reportType: run.report_type,
        via: file.via,
      },
      ip: ctx.ip ?? null,
    });
    return run;
  });
}

/**
 * Reads a failed run's stored file again, as a new queued run of the same source (202). The failed
 * run's events were removed when it failed, so the new run stores each finding once.
 */
export async function rerunFeedRun(ctx: ServiceContext, runId: string): Promise<z.infer<typeof FeedRunAccepted>> {
  const failed = await selectRun(ctx.db, runId);
  if (!failed) throw notFound("feed_run_not_found", "No feed run with this id");
  if (failed.status !== "failed" || failed.raw_sha256 === null || failed.raw_size === null) {
    throw conflict("feed_run_not_failed", "Only a failed run is read again");
  }
  const raw = { sha256: failed.raw_sha256, size: failed.raw_size };
  return ctx.db.transaction().execute(async (tx) => {
    const run = await insertQueuedRun(tx, {
      originKey: undefined,
      sourceId: failed.source_id,
      fileName: failed.file_name,
      via: failed.received_via,
      startedBy: ctx.actor.kind === "user" ? ctx.actor.userId : null,
      raw,
      format: failed.format,
      reportType: failed.report_type,
    });
    if (!run) throw new Error("a rerun has no origin, so it cannot conflict");
    await enqueueFeedRun(tx, run.id);
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "feed.rerun",
      target: { type: "feed_run", id: run.id },
      diff: { file: failed.file_name, failedAt: failed.finished_at?.toISOString() ?? null, error: failed.error },
      ip: ctx.ip ?? null,
    });
    return { id: run.id };
  });
}

/** Queues the job that reads a queued run, in the caller's transaction (outbox). */
export async function enqueueFeedRun(tx: Db, runId: string): Promise<void> {
  await enqueue(tx, runSpec, { runId });
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
