import { randomBytes } from "node:crypto";
import type { FeedEventData } from "../../../contract/feed-events.js";
import type { TestApp } from "../../../test/support/app.js";
import { eventIdentity } from "./event-hash.js";
import { insertEventBatch } from "./events-store.js";
import { ensureMonthPartitions } from "./partitions.js";
import { finishRun, insertRunningRun, insertSource } from "./sources-store.js";

// Test data for events: a source of its own and one done run holding the events given, each with the
// owner set directly (the registry's match at ingest is not what these tests are about).

export interface TestEvent {
  time: string;
  type?: string;
  ip?: string;
  fqdn?: string;
  url?: string;
  organisationId?: string | null;
  extra?: Record<string, string>;
}

/** Stores the events under a new source (named `feed`, else a unique name); answers the source's name and id. */
export async function makeFeedEvents(
  app: TestApp,
  events: readonly TestEvent[],
  feed?: string,
): Promise<{ sourceId: string; name: string; runId: string }> {
  const db = app.fyr.deps.db;
  const name = feed ?? `test-${randomBytes(4).toString("hex")}`;
  const source = await insertSource(db, { name, format: "intelmq", report_type: null });
  const run = await insertRunningRun(db, {
    sourceId: source.id,
    fileName: `${name}.jsonl`,
    via: "cli",
    startedBy: null,
    raw: { sha256: randomBytes(32).toString("hex"), size: 1 },
    format: "intelmq",
    reportType: null,
  });
  if (!run) throw new Error("the test source is already running");
  const storable = events.map((e, i) => {
    const data: FeedEventData = {
      fields: {
        "time.source": new Date(e.time).toISOString(),
        "feed.name": name,
        "classification.taxonomy": "vulnerable",
        "classification.type": e.type ?? "vulnerable-system",
        ...(e.ip ? { "source.ip": e.ip } : {}),
        ...(e.fqdn ? { "source.fqdn": e.fqdn } : {}),
        ...(e.url ? { "source.url": e.url } : {}),
      },
      extra: { ...e.extra },
    };
    // A window of 0: only identical events are one finding.
    const { hash, bucket } = eventIdentity(data, 0);
    const organisationId = e.organisationId ?? null;
    return { ...data, line: i + 1, hash, bucket, organisationId, matchedBy: organisationId ? "network" : null };
  });
  await ensureMonthPartitions(
    db,
    storable.map((e) => new Date(String(e.fields["time.source"]))),
  );
  const stored = await insertEventBatch(db, { sourceId: source.id, runId: run.id }, storable);
  await finishRun(db, run.id, {
    status: "done",
    rows_read: events.length,
    events_stored: stored.stored,
    duplicates: events.length - stored.stored,
    malformed: 0,
    matched: stored.matched,
    error: null,
    report_type: null,
    malformed_sample: [],
    finished_at: app.clock.now(),
  });
  return { sourceId: source.id, name, runId: run.id };
}
