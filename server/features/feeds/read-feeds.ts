import { isIP } from "node:net";
import { z } from "zod";
import type {
  FeedEventPage,
  FeedEventQuery,
  FeedRun,
  FeedRunList,
  FeedSource,
  FeedSourceAlarm,
  FeedSourceList,
} from "../../../contract/feeds.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError, notFound } from "../../platform/errors.js";
import { keyset, readKeysetPage } from "../../platform/keyset-page.js";
import { timeBound } from "../../platform/time-bound.js";
import { presentEvent, presentFetch, presentMapping, presentRun, presentRunListItem } from "./present.js";
import { selectEventPage, selectRecentRuns, selectRunPage, selectSources } from "./read-store.js";
import { type FeedRunRow, type FeedSourceRow, selectRun } from "./sources-store.js";
import { USUAL_RUNS, eventsIn, sizeAlarm, usualEvents } from "./run-size.js";

// Reading feeds (staff who read cases): a run, the runs, the sources with their health, the events.

const runKeys = keyset(z.object({ us: z.number().int(), id: z.uuid() }));
// Feed times are whole seconds or milliseconds (normalise-value.ts), so an ISO instant keys them exactly.
export const eventKeys = keyset(z.object({ at: z.iso.datetime(), id: z.uuid() }));

export async function getFeedRun(ctx: ServiceContext, id: string): Promise<FeedRun> {
  const run = await selectRun(ctx.db, id);
  if (!run) throw notFound("feed_run_not_found", "No feed run with this id");
  return presentRun(run);
}

export async function listFeedRuns(
  ctx: ServiceContext,
  query: { source?: string; limit: number; cursor?: string },
): Promise<FeedRunList> {
  const page = await readKeysetPage(
    query,
    runKeys,
    (w) => selectRunPage(ctx.db, { sourceId: query.source }, w),
    (r) => ({ us: Number(r.started_us), id: r.id }),
  );
  return { items: page.rows.map(presentRunListItem), nextCursor: page.nextCursor };
}

export async function listFeedSources(ctx: ServiceContext): Promise<FeedSourceList> {
  const [sources, runs] = await Promise.all([selectSources(ctx.db), selectRecentRuns(ctx.db, USUAL_RUNS + 1)]);
  const bySource = new Map<string, FeedRunRow[]>();
  for (const run of runs) bySource.set(run.source_id, [...(bySource.get(run.source_id) ?? []), run]);
  return { items: sources.map((s) => sourceHealth(s, bySource.get(s.id) ?? [], ctx.clock.now())) };
}

/** A source and its health from its recent runs (newest first). */
export function sourceHealth(source: FeedSourceRow, runs: readonly FeedRunRow[], now: Date): FeedSource {
  const [last, ...earlier] = runs;
  const median = usualEvents(earlier);
  const lastSuccess = runs.find((r) => r.status === "done")?.finished_at ?? null;
  const alarms: FeedSourceAlarm[] = [];
  if (last?.status === "failed") alarms.push("failed");
  const size = last?.status === "done" ? sizeAlarm(eventsIn(last), median) : null;
  if (size !== null) alarms.push(size);
  const expected = source.expected_every_hours;
  if (expected !== null && (lastSuccess === null || now.getTime() - lastSuccess.getTime() > expected * 3_600_000)) {
    alarms.push("late");
  }
  return {
    id: source.id,
    name: source.name,
    format: source.format,
    reportType: source.report_type,
    expectedEveryHours: expected,
    mapping: presentMapping(source.column_mapping),
    fetch: presentFetch(source),
    health: {
      lastRun: last
        ? { id: last.id, status: last.status, startedAt: last.started_at.toISOString(), events: eventsIn(last) }
        : null,
      lastSuccessAt: lastSuccess?.toISOString() ?? null,
      medianEvents: median,
      alarms,
    },
  };
}

export async function listFeedEvents(
  ctx: ServiceContext & { timeZone: string },
  query: FeedEventQuery,
): Promise<FeedEventPage> {
  if (query.ip !== undefined && !isAddressOrNetwork(query.ip)) {
    throw new AppError("validation_failed", "invalid", "Some fields are invalid", {
      errors: [{ path: "querystring.ip", message: "not an IP address or network", code: "invalid_format" }],
    });
  }
  const filter = {
    organisation: query.organisation,
    unmatched: query.unmatched === "true",
    from: timeBound(query.from),
    to: timeBound(query.to),
    type: query.type,
    ip: query.ip,
    sourceId: query.source,
    timeZone: ctx.timeZone,
  };
  const page = await readKeysetPage(
    query,
    eventKeys,
    (w) => selectEventPage(ctx.db, filter, w),
    (r) => ({ at: r.time_source.toISOString(), id: r.id }),
  );
  return { items: page.rows.map(presentEvent), nextCursor: page.nextCursor };
}

function isAddressOrNetwork(text: string): boolean {
  const [address = "", bits, rest] = text.split("/");
  const family = isIP(address);
  if (family === 0 || rest !== undefined) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
}
