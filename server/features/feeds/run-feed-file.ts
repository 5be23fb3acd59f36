import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { FeedEventData } from "../../../contract/feed-events.js";
import { appendAudit } from "../../platform/audit.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError, conflict, notFound } from "../../platform/errors.js";
import { type BlobStore, tooLarge } from "../../platform/files/blobs.js";
import { eventIdentity } from "./event-hash.js";
import { type StorableEvent, insertEventBatch, removeRunEvents } from "./events-store.js";
import { type FeedFileBounds, containerOf, openFeedFile } from "./open-feed-file.js";
import { parseIntelmqLines } from "./intelmq/parse.js";
import { ensureMonthPartitions } from "./partitions.js";
import { type ParsedFeedBatch, type ParsedFeedEvent, parseShadowserverCsv } from "./shadowserver/parse.js";
import { findShadowserverReportType, reportTypeFromFileName } from "./shadowserver/report-types.js";
import {
  type FeedRunRow,
  type FeedSourceRow,
  finishRun,
  insertRunningRun,
  selectSourceByName,
} from "./sources-store.js";

// One feed file in: kept once (compressed) in the blob store, read part by part, parsed, identified for
// the dedupe window, matched to its owner, stored in batches. The run ends done with its counts, or
// failed with its events removed, so a re-run of the same file is clean and stores nothing twice.

/** Who owns each event's address, or null: the constituency registry's batch match, given in. */
export type OwnerLookup = (
  events: readonly FeedEventData[],
) => Promise<({ organisationId: string; matchedBy: string } | null)[]>;

export interface FeedContext extends ServiceContext {
  blobs: BlobStore;
  owners?: OwnerLookup;
}

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

const BATCH = 2_000;
const MALFORMED_KEPT = 20;

/** Reads one feed file into events; answers the finished run. */
export async function runFeedFile(ctx: FeedContext, input: FeedFileInput): Promise<FeedRunRow> {
  const source = await selectSourceByName(ctx.db, input.source);
  if (!source) throw notFound("feed_source_not_found", `No feed source named ${input.source}`);
  const stored = await storeCompressed(ctx.blobs, input.body, input.maxBytes);
  const run = await insertRunningRun(ctx.db, {
    sourceId: source.id,
    fileName: input.fileName,
    via: input.via,
    startedBy: ctx.actor.kind === "user" ? ctx.actor.userId : null,
  });
  if (!run) throw conflict("feed_run_in_progress", `The source ${source.name} is already reading a file`);
  const counts = { rows_read: 0, events_stored: 0, duplicates: 0, malformed: 0 };
  const sample: { line: number; message: string }[] = [];
  const raw = { raw_sha256: stored.sha256, raw_size: stored.size };
  try {
    let pending: ParsedFeedEvent[] = [];
    const flush = async () => {
      const stored = await storeBatch(ctx, source, run.id, pending);
      counts.events_stored += stored;
      counts.duplicates += pending.length - stored;
      pending = [];
    };
    for await (const part of openFeedFile(ctx.blobs, { ...stored, name: input.fileName }, input.bounds)) {
      for await (const batch of parsePart(source, part.name, part.chunks, input.reportType)) {
        counts.rows_read += batch.events.length + batch.malformed.length;
        counts.malformed += batch.malformed.length;
        sample.push(...batch.malformed.slice(0, MALFORMED_KEPT - sample.length));
        for (const event of batch.events) pending.push(event);
        if (pending.length >= BATCH) await flush();
      }
    }
    await flush();
    return await endRun(ctx, run.id, { source: source.name, file: input.fileName }, { ...counts, ...raw, sample });
  } catch (err) {
    await removeRunEvents(ctx.db, source.id, run.id);
    const error = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
    await endRun(ctx, run.id, { source: source.name, file: input.fileName }, { ...counts, ...raw, sample, error });
    throw err;
  }
}

/** Ends a run, done or (with an error) failed, and audits it in the same transaction. */
async function endRun(
  ctx: FeedContext,
  runId: string,
  what: { source: string; file: string },
  end: {
    rows_read: number;
    events_stored: number;
    duplicates: number;
    malformed: number;
    raw_sha256: string;
    raw_size: number;
    sample: { line: number; message: string }[];
    error?: string;
  },
): Promise<FeedRunRow> {
  const { sample, error, ...counts } = end;
  return ctx.db.transaction().execute(async (tx) => {
    const row = await finishRun(tx, runId, {
      ...counts,
      // A failed run's events were removed: it stored none.
      events_stored: error === undefined ? counts.events_stored : 0,
      status: error === undefined ? "done" : "failed",
      error: error ?? null,
      malformed_sample: sample,
      finished_at: ctx.clock.now(),
    });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: error === undefined ? "feed.run" : "feed.run_failed",
      target: { type: "feed_run", id: runId },
      diff: { ...what, ...counts, ...(error === undefined ? {} : { error: error.slice(0, 200) }) },
      ip: ctx.ip ?? null,
    });
    return row;
  });
}

/** The parser the source's format names, over one part of the file. */
function parsePart(
  source: FeedSourceRow,
  partName: string,
  chunks: AsyncIterable<Uint8Array>,
  givenReportType: string | undefined,
): AsyncIterable<ParsedFeedBatch> {
  switch (source.format) {
    case "shadowserver": {
      const name = source.report_type ?? givenReportType ?? reportTypeFromFileName(partName);
      if (name === undefined) {
        throw new AppError("feed_report_type_missing", "invalid", `${partName} does not name its report type`);
      }
      return parseShadowserverCsv(chunks, { reportType: findShadowserverReportType(name), feedName: source.name });
    }
    case "intelmq":
      return parseIntelmqLines(chunks, { feedName: source.name });
    case "csv":
    case "json":
      throw new AppError("feed_file_not_recognised", "invalid", `The ${source.format} format is not read yet`);
  }
}

async function storeBatch(ctx: FeedContext, source: FeedSourceRow, runId: string, events: ParsedFeedEvent[]) {
  if (events.length === 0) return 0;
  const owners = ctx.owners ? await ctx.owners(events) : [];
  const storable: StorableEvent[] = events.map((event, i) => {
    const { hash, bucket } = eventIdentity(event, source.dedupe_window_hours);
    const owner = owners[i] ?? null;
    return {
      ...event,
      hash,
      bucket,
      organisationId: owner?.organisationId ?? null,
      matchedBy: owner?.matchedBy ?? null,
    };
  });
  await ensureMonthPartitions(
    ctx.db,
    storable.map((e) => new Date(String(e.fields["time.source"]))),
  );
  return insertEventBatch(ctx.db, { sourceId: source.id, runId }, storable);
}

/** Keeps the file once, compressed: a plain file is gzipped on its way in, an archive is kept as sent. */
async function storeCompressed(blobs: BlobStore, body: Readable, maxBytes = Number.POSITIVE_INFINITY) {
  const iterator: AsyncIterator<Buffer> = body[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head = first.done ? Buffer.alloc(0) : first.value;
  let received = 0;
  // The limit is on what was sent, not on what it compresses to.
  const counted = async function* (): AsyncGenerator<Buffer> {
    for (let n = first; !n.done; n = await iterator.next()) {
      received += n.value.length;
      if (received > maxBytes) throw tooLarge(maxBytes);
      yield n.value;
    }
  };
  const sent = Readable.from(counted());
  if (containerOf(head) !== "plain") {
    const blob = await blobs.put(sent);
    return { sha256: blob.sha256, size: blob.size };
  }
  const gzip = createGzip();
  const [blob] = await Promise.all([blobs.put(gzip), pipeline(sent, gzip)]);
  return { sha256: blob.sha256, size: blob.size };
}
