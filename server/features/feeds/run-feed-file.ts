import type { Readable } from "node:stream";
import { conflict, notFound } from "../../platform/errors.js";
import type { FeedFileBounds } from "./open-feed-file.js";
import { type FeedContext, readFeedRun } from "./read-feed-run.js";
import { type FeedRunRow, insertRunningRun, selectSourceByName } from "./sources-store.js";
import { reapStaleRuns } from "./stale-runs.js";
import { storeFeedFile } from "./store-feed-file.js";

// One feed file in at once, while the caller waits (the CLI, tests, the benchmark): kept once
// (compressed) in the blob store, then read (read-feed-run.ts). Uploads go through the job queue
// instead (accept-feed-file.ts), so a crash never loses an accepted file.

export type { FeedContext, OwnerLookup } from "./read-feed-run.js";

export interface FeedFileInput {
  source: string;
  fileName: string;
  via: FeedRunRow["received_via"];
  body: Readable;
  /** Shadowserver: the report type when the file name does not say it and the source does not fix it. */
  reportType?: string;
  /** The largest file accepted as sent (bytes). */
  maxBytes?: number;
  bounds?: FeedFileBounds;
}

/** Reads one feed file into events; answers the finished run. */
export async function runFeedFile(ctx: FeedContext, input: FeedFileInput): Promise<FeedRunRow> {
  const source = await selectSourceByName(ctx.db, input.source);
  if (!source) throw notFound("feed_source_not_found", `No feed source named ${input.source}`);
  const raw = await storeFeedFile(ctx.blobs, input.body, input.maxBytes);
  const values = {
    sourceId: source.id,
    fileName: input.fileName,
    via: input.via,
    startedBy: ctx.actor.kind === "user" ? ctx.actor.userId : null,
    raw,
    format: source.format,
    reportType: input.reportType ?? null,
  };
  let run = await insertRunningRun(ctx.db, values);
  // The run in the way may be a dead one (an import killed midway): taken back, the source is free.
  if (!run && (await reapStaleRuns(ctx.db, ctx.clock)) > 0) run = await insertRunningRun(ctx.db, values);
  if (!run) throw conflict("feed_run_in_progress", `The source ${source.name} is already reading a file`);
  return readFeedRun(ctx, source, run, input.bounds);
}
