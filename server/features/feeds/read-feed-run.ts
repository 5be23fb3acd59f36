import { FeedColumnMapping, type FeedEventData } from "../../../contract/feed-events.js";
import { appendAudit } from "../../platform/audit.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError } from "../../platform/errors.js";
import type { BlobStore } from "../../platform/files/blobs.js";
import { parseMappedCsv } from "./csv/parse.js";
import type { EventEnricher } from "./enrich/offline-enricher.js";
import { eventIdentity } from "./event-hash.js";
import { type StorableEvent, insertEventBatch, removeRunEvents } from "./events-store.js";
import { type FeedFileBounds, openFeedFile } from "./open-feed-file.js";
import { parseIntelmqLines } from "./intelmq/parse.js";
import { parseMappedJson } from "./json/parse.js";
import { ensureMonthPartitions } from "./partitions.js";
import { type ParsedFeedBatch, type ParsedFeedEvent, parseShadowserverCsv } from "./shadowserver/parse.js";
import { findShadowserverReportType, reportTypeFromFileName } from "./shadowserver/report-types.js";
import { type FeedRunRow, type FeedSourceRow, finishRun, selectEarlierRuns, touchRun } from "./sources-store.js";
import { USUAL_RUNS, eventsIn, sizeAlarm, usualEvents } from "./run-size.js";
import type { Db } from "../../platform/db/connect.js";

// Reading one stored feed file into events, whoever started it (the CLI at once, an upload through the
// job queue): read part by part, parsed, identified for the dedupe window, matched to its owner, stored
// in batches. The run ends done with its counts, or failed with its events removed, so a re-run of the
// same file is clean and stores nothing twice.

/** Who owns each event's address, or null: the constituency registry's batch match, given in. */
export type OwnerLookup = (
  events: readonly FeedEventData[],
) => Promise<({ organisationId: string; matchedBy: string } | null)[]>;

export interface FeedContext extends ServiceContext {
  blobs: BlobStore;
  owners?: OwnerLookup;
  /** AS, country (and reverse DNS) filled in before the owner match: enrich/offline-enricher.ts. */
  enrich?: EventEnricher;
}

const BATCH = 2_000;
const IN_FLIGHT = 3;
const MALFORMED_KEPT = 20;
const HEARTBEAT_MS = 20_000;

interface Counts {
  rows_read: number;
  events_stored: number;
  duplicates: number;
  malformed: number;
  matched: number;
}

/** Reads a running run's stored file; answers the finished run, or throws after marking it failed. */
export async function readFeedRun(
  ctx: FeedContext,
  source: FeedSourceRow,
  run: FeedRunRow,
  bounds?: FeedFileBounds,
): Promise<FeedRunRow> {
  if (run.raw_sha256 === null || run.raw_size === null) throw new Error(`feed run ${run.id} has no stored file`);
  const counts: Counts = { rows_read: 0, events_stored: 0, duplicates: 0, malformed: 0, matched: 0 };
  const sample: { line: number; message: string }[] = [];
  const what = { source: source.name, file: run.file_name };
  let reportType = run.report_type;
  // Batches are stored while the next are parsed: up to IN_FLIGHT statements at once, each on its own
  // pooled connection (a finding in two batches at once is stored once: feed_seen's key decides).
  const inFlight: Promise<void>[] = [];
  // A sign of life at most every HEARTBEAT_MS, so the reaper (stale-runs.ts) knows this run is read.
  let lastBeat = 0;
  const beat = () => {
    const now = ctx.clock.now();
    if (now.getTime() - lastBeat < HEARTBEAT_MS) return;
    lastBeat = now.getTime();
    const touching = touchRun(ctx.db, run.id, now);
    touching.catch(() => undefined);
    inFlight.push(touching);
  };
  try {
    let pending: ParsedFeedEvent[] = [];
    const flush = async () => {
      const batch = pending;
      pending = [];
      if (batch.length === 0) return;
      if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
      beat();
      // Only the size is kept for the counts: the events themselves go as soon as they are encoded.
      const size = batch.length;
      const storing = storeBatch(ctx, source, run.id, batch).then((stored) => {
        counts.events_stored += stored.stored;
        counts.matched += stored.matched;
        counts.duplicates += size - stored.stored;
      });
      // Its failure is taken when it is awaited; until then it must not count as unhandled.
      storing.catch(() => undefined);
      inFlight.push(storing);
    };
    const stored = { sha256: run.raw_sha256, size: run.raw_size, name: run.file_name };
    for await (const part of openFeedFile(ctx.blobs, stored, bounds)) {
      const parser = parsePart(source, part.name, part.chunks, run.report_type);
      reportType ??= parser.reportType;
      for await (const batch of parser.batches) {
        counts.rows_read += batch.events.length + batch.malformed.length;
        counts.malformed += batch.malformed.length;
        sample.push(...batch.malformed.slice(0, MALFORMED_KEPT - sample.length));
        for (const event of batch.events) pending.push(event);
        if (pending.length >= BATCH) await flush();
      }
    }
    await flush();
    while (inFlight.length > 0) await inFlight.shift();
    return await endRun(ctx, source.id, run.id, what, { ...counts, sample, reportType });
  } catch (err) {
    await Promise.allSettled(inFlight);
    await removeRunEvents(ctx.db, source.id, run.id);
    const error = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
    await endRun(ctx, source.id, run.id, what, { ...counts, sample, reportType, error });
    throw err;
  }
}

/** Ends a run, done or (with an error) failed, and audits it in the same transaction. */
async function endRun(
  ctx: FeedContext,
  sourceId: string,
  runId: string,
  what: { source: string; file: string },
  end: Counts & { sample: { line: number; message: string }[]; reportType: string | null; error?: string },
): Promise<FeedRunRow> {
  const { sample, error, reportType, ...counts } = end;
  // A failed run's events were removed: it stored none.
  const kept = error === undefined ? counts : { ...counts, events_stored: 0, matched: 0 };
  return ctx.db.transaction().execute(async (tx) => {
    const hold = error === undefined ? await surgeHold(tx, sourceId, runId, kept) : null;
    const row = await finishRun(tx, runId, {
      ...kept,
      notify_hold: hold,
      report_type: reportType,
      status: error === undefined ? "done" : "failed",
      error: error ?? null,
      malformed_sample: sample,
      finished_at: ctx.clock.now(),
    });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: error === undefined ? "feed.run" : "feed.run_failed",
      target: { type: "feed_run", id: runId },
      diff: {
        ...what,
        ...kept,
        ...(error === undefined ? {} : { error: error.slice(0, 200) }),
        ...(hold === null ? {} : { held: hold }),
      },
      ip: ctx.ip ?? null,
    });
    return row;
  });
}

/** 'surge' when a run with owned events is at least twice its source's usual size: staff decide first. */
async function surgeHold(db: Db, sourceId: string, runId: string, counts: Counts): Promise<"surge" | null> {
  if (counts.matched === 0) return null;
  const usual = usualEvents(await selectEarlierRuns(db, sourceId, runId, USUAL_RUNS));
  return sizeAlarm(eventsIn(counts), usual) === "surge" ? "surge" : null;
}

/** The parser the source's format names, over one part of the file, and the report type it reads. */
function parsePart(
  source: FeedSourceRow,
  partName: string,
  chunks: AsyncIterable<Uint8Array>,
  givenReportType: string | null,
): { reportType: string | null; batches: AsyncIterable<ParsedFeedBatch> } {
  switch (source.format) {
    case "shadowserver": {
      const name = source.report_type ?? givenReportType ?? reportTypeFromFileName(partName);
      if (name === undefined) {
        throw new AppError("feed_report_type_missing", "invalid", `${partName} does not name its report type`);
      }
      const reportType = findShadowserverReportType(name);
      return {
        reportType: reportType.reportType,
        batches: parseShadowserverCsv(chunks, { reportType, feedName: source.name }),
      };
    }
    case "intelmq":
      return { reportType: null, batches: parseIntelmqLines(chunks, { feedName: source.name }) };
    case "csv":
    case "json": {
      const mapping = FeedColumnMapping.safeParse(source.column_mapping);
      if (!mapping.success) {
        throw new AppError("feed_mapping_required", "invalid", `The source ${source.name} has no column mapping`);
      }
      const read = source.format === "csv" ? parseMappedCsv : parseMappedJson;
      return { reportType: null, batches: read(chunks, { mapping: mapping.data, feedName: source.name }) };
    }
  }
}

async function storeBatch(ctx: FeedContext, source: FeedSourceRow, runId: string, events: ParsedFeedEvent[]) {
  if (events.length === 0) return { stored: 0, matched: 0 };
  // The finding is what the feed said, so identified before enrichment (new AS data changes no hash);
  // enriched before the owner match, so an owner registered by AS number is found when the feed gave none.
  const identities = events.map((event) => eventIdentity(event, source.dedupe_window_hours));
  if (ctx.enrich) await ctx.enrich(events);
  const owners = ctx.owners ? await ctx.owners(events) : [];
  const storable: StorableEvent[] = events.map((event, i) => {
    const { hash, bucket } = identities[i] ?? eventIdentity(event, source.dedupe_window_hours);
    const owner = owners[i] ?? null;
    return {
      fields: event.fields,
      extra: event.extra,
      line: event.line,
      hash,
      bucket,
      organisationId: owner?.organisationId ?? null,
      matchedBy: owner?.matchedBy ?? null,
    };
  });
  await ensureMonthPartitions(
    ctx.db,
    storable.map((e) => String(e.fields["time.source"])),
  );
  // Returned, not awaited: this frame (and the batch it holds) ends while the database stores it.
  return insertEventBatch(ctx.db, { sourceId: source.id, runId }, storable);
}
