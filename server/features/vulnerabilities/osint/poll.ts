import { appendAudit } from "../../../platform/audit.js";
import { systemActor } from "../../../platform/auth/actor.js";
import type { Clock } from "../../../platform/clock.js";
import type { Db } from "../../../platform/db/connect.js";
import type { Logger } from "../../../platform/log.js";
import { type Periodic, startPeriodic } from "../../../platform/periodic.js";
import { z } from "zod";
import { defineJob, type JobDefinition } from "../../../platform/jobs/define.js";
import { claimDueSources, claimSource, finishSourceFetch, insertNewItems, type OsintSourceRow } from "./osint-store.js";
import { parseFeed } from "./parse-feed.js";

// The worker's OSINT pass: every minute it claims the sources not fetched for FYR_OSINT_POLL_MINUTES
// (SKIP LOCKED, a lease: two workers never fetch one feed at once), fetches each with the last answer's
// ETag / Last-Modified, stores the items new by id and by content, and records the fetch's health.

const CHECK_EVERY_MS = 60_000;
const LEASE_MS = 5 * 60_000;
const TIMEOUT_MS = 30_000;
const MAX_FEED_BYTES = 5 * 1024 * 1024;
const SOURCES_PER_PASS = 20;

export interface OsintPollDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  everyMs: number;
  fetch?: typeof fetch;
  /** True while requests queue: the pass waits for its next turn. */
  busy?: () => boolean;
}

async function readLimited(res: Response): Promise<string> {
  if (!res.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += chunk.byteLength;
    if (size > MAX_FEED_BYTES) {
      await res.body.cancel().catch(() => undefined);
      throw new Error(`the feed is larger than ${MAX_FEED_BYTES} bytes`);
    }
    chunks.push(chunk);
  }
  return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
}

/** Fetches one claimed source and stores its new items; answers how many were new (0 on a 304). */
export async function fetchSource(deps: OsintPollDeps, source: OsintSourceRow): Promise<number> {
  const headers: Record<string, string> = {
    accept: "application/rss+xml, application/atom+xml, application/xml, text/xml;q=0.9",
  };
  if (source.etag) headers["if-none-match"] = source.etag;
  if (source.last_modified) headers["if-modified-since"] = source.last_modified;
  try {
    const res = await (deps.fetch ?? fetch)(source.url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (res.status === 304) {
      await res.body?.cancel();
      await finishSourceFetch(deps.db, source.id, deps.clock.now(), { error: null });
      return 0;
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`the feed answered HTTP ${res.status}`);
    }
    const items = parseFeed(await readLimited(res));
    const now = deps.clock.now();
    const added = await deps.db.transaction().execute(async (tx) => {
      const n = await insertNewItems(tx, source.id, items, now);
      await finishSourceFetch(tx, source.id, now, {
        error: null,
        etag: res.headers.get("etag"),
        lastModified: res.headers.get("last-modified"),
        added: n,
      });
      if (n > 0)
        await appendAudit(tx, deps.clock, {
          actor: systemActor("osint"),
          action: "osint.items_fetched",
          target: { type: "osint_source", id: source.id },
          diff: { source: source.name, added: n },
        });
      return n;
    });
    return added;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await finishSourceFetch(deps.db, source.id, deps.clock.now(), { error: message.slice(0, 1000) });
    deps.logger.warn({ source: source.name, err: message }, "OSINT feed fetch failed");
    return 0;
  }
}

/** One pass: the due sources, one after another. */
export async function pollOsintSources(deps: OsintPollDeps): Promise<number> {
  const sources = await claimDueSources(deps.db, deps.clock.now(), deps.everyMs, LEASE_MS, SOURCES_PER_PASS);
  let added = 0;
  for (const source of sources) added += await fetchSource(deps, source);
  return added;
}

/** The worker's loop. */
export function startOsintPolling(deps: OsintPollDeps): Periodic {
  return startPeriodic({
    what: "OSINT poll",
    logger: deps.logger,
    intervalMs: CHECK_EVERY_MS,
    async pass() {
      if (deps.busy?.()) return;
      await pollOsintSources(deps);
    },
  });
}

/** "Fetch this source now": queued when a source is added, so its health and items show at once. */
export const osintFetchSpec = { name: "osint.fetch", payload: z.object({ sourceId: z.uuid() }), maxAttempts: 3 };

export function createOsintFetchJob(fetchImpl?: typeof fetch): JobDefinition<z.infer<typeof osintFetchSpec.payload>> {
  return defineJob({
    ...osintFetchSpec,
    async handler({ sourceId }, job) {
      const source = await claimSource(job.db, sourceId, job.clock.now(), LEASE_MS);
      // Gone, turned off, or another process is fetching it: nothing to do.
      if (!source) return;
      await fetchSource({ db: job.db, clock: job.clock, logger: job.logger, everyMs: 0, fetch: fetchImpl }, source);
    },
  });
}
