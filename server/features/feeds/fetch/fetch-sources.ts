import type { FeedFetchResult } from "../../../../contract/feeds.js";
import { appendAudit } from "../../../platform/audit.js";
import { systemActor } from "../../../platform/auth/actor.js";
import { conflict, notFound } from "../../../platform/errors.js";
import { type Periodic, startPeriodic } from "../../../platform/periodic.js";
import { pollMailboxOnce } from "../../intake/service.js";
import { fetchSecretContext } from "../source-config.js";
import { type FeedSourceRow, claimDueSources, selectSourceById, updateSource } from "../sources-store.js";
import { reapStaleRuns } from "../stale-runs.js";
import type { FetchContext } from "./fetch-context.js";
import { takeFeedMail } from "./feed-mail.js";
import { pullShadowserverReports } from "./shadowserver-api.js";
import { pullUrl } from "./pull-url.js";

// The worker's feed fetcher: every minute it takes back dead runs (stale-runs.ts) and fetches each
// source whose interval has passed — a URL, the Reports API, an IMAP folder. A fetch that fails is
// recorded on the source (its last error, shown on the sources screen) and tried at the next interval;
// the files it brought are runs the job queue reads, like uploads.

/** Failed attempts per IMAP message, carried from pass to pass (the poller's flagging rule). */
const imapAttempts = new Map<string, Map<string, number>>();

/** Fetches one source now; records when and how it went. */
export async function fetchSource(ctx: FetchContext, source: FeedSourceRow): Promise<FeedFetchResult> {
  const actor = systemActor(`feed-fetch:${source.name}`);
  const fetching = { ...ctx, actor };
  try {
    const result = await fetchByKind(fetching, source);
    await ctx.db.transaction().execute(async (tx) => {
      await updateSource(tx, source.id, { last_fetch_at: ctx.clock.now(), last_fetch_error: null });
      if (result.runs.length === 0) return;
      // Each file's run is audited as it is queued; the fetch says what it brought as a whole.
      await appendAudit(tx, ctx.clock, {
        actor,
        action: "feed.fetch_pass",
        target: { type: "feed_source", id: source.id },
        diff: { source: source.name, kind: source.fetch_kind, runs: result.runs.length, skipped: result.skipped },
        ip: null,
      });
    });
    return result;
  } catch (err) {
    const error = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
    ctx.logger.warn({ err, source: source.name }, "feed source fetch failed");
    await updateSource(ctx.db, source.id, { last_fetch_at: ctx.clock.now(), last_fetch_error: error });
    throw err;
  }
}

async function fetchByKind(ctx: FetchContext, source: FeedSourceRow): Promise<FeedFetchResult> {
  switch (source.fetch_kind) {
    case "url":
      return pullUrl(ctx, source);
    case "shadowserver-api":
      return pullShadowserverReports(ctx, source);
    case "imap":
      return pollFolder(ctx, source);
    case "mail":
    case null:
      throw conflict("feed_source_not_fetching", `The source ${source.name} does not fetch: its files are sent to it`);
  }
}

/** One pass over the source's IMAP folder: each unseen mail's attachments become runs. */
async function pollFolder(ctx: FetchContext, source: FeedSourceRow): Promise<FeedFetchResult> {
  const url = new URL(String(source.fetch_config.url ?? ""));
  if (source.fetch_secret !== null) url.password = ctx.secrets.open(source.fetch_secret, fetchSecretContext(source.id));
  const attempts = imapAttempts.get(source.id) ?? new Map<string, number>();
  imapAttempts.set(source.id, attempts);
  const result: FeedFetchResult = { runs: [], skipped: 0, error: null };
  const pass = await pollMailboxOnce({
    url: url.toString(),
    logger: ctx.logger,
    attempts,
    handle: async (raw) => {
      const taken = await takeFeedMail(ctx, source, raw);
      result.runs.push(...taken.runs);
      result.skipped += taken.skipped;
      result.error ??= taken.error;
    },
  });
  if (pass.failed > 0)
    throw new Error(`${pass.failed} mail(s) in the folder could not be taken in; tried again next time`);
  return result;
}

/** "Fetch now" (admins): the source's fetch, out of its schedule; a failure is said, as on the source. */
export async function fetchSourceNow(ctx: FetchContext, id: string): Promise<FeedFetchResult> {
  const source = await selectSourceById(ctx.db, id);
  if (!source) throw notFound("feed_source_not_found", "No feed source with this id");
  if (source.fetch_kind === null || source.fetch_kind === "mail") return fetchByKind(ctx, source);
  try {
    return await fetchSource(ctx, source);
  } catch (err) {
    return { runs: [], skipped: 0, error: (err instanceof Error ? err.message : String(err)).slice(0, 1000) };
  }
}

/** One pass of the fetcher: dead runs taken back, due sources fetched one after another. */
export async function fetchDueSources(ctx: FetchContext): Promise<void> {
  await reapStaleRuns(ctx.db, ctx.clock);
  for (const source of await claimDueSources(ctx.db, ctx.clock.now())) {
    // A failing source is recorded and logged (fetchSource); the others still fetch.
    await fetchSource(ctx, source).catch(() => undefined);
  }
}

/** The fetcher, every minute (worker role). */
export function startFeedFetching(ctx: FetchContext): Periodic {
  return startPeriodic({
    what: "feed fetching",
    logger: ctx.logger,
    intervalMs: 60_000,
    pass: () => fetchDueSources(ctx),
  });
}
