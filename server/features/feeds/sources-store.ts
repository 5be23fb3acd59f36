import { type Selectable, sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { FeedRunsTable, FeedSourcesTable } from "../../platform/db/tables/feeds.js";

export type FeedSourceRow = Selectable<FeedSourcesTable>;
export type FeedRunRow = Selectable<FeedRunsTable>;

/** The source by name (a source's name is how files, mailboxes and the CLI name it). */
export async function selectSourceByName(db: Db, name: string): Promise<FeedSourceRow | undefined> {
  return db.selectFrom("feed_sources").selectAll().where("name", "=", name).executeTakeFirst();
}

/** The enabled mailbox source that receives mail at `address` (lower case). */
export async function selectSourceByMailAddress(db: Db, address: string): Promise<FeedSourceRow | undefined> {
  return db
    .selectFrom("feed_sources")
    .selectAll()
    .where("fetch_kind", "=", "mail")
    .where("enabled", "=", true)
    .where(sql<string>`lower(fetch_config ->> 'address')`, "=", address.toLowerCase())
    .executeTakeFirst();
}

/**
 * Claims the sources due to fetch (URL, Reports API, IMAP): their last fetch is older than their
 * interval. The claim sets last_fetch_at, so two workers never fetch one source at once.
 */
export async function claimDueSources(db: Db, now: Date): Promise<FeedSourceRow[]> {
  return db
    .updateTable("feed_sources")
    .set({ last_fetch_at: now })
    .where("enabled", "=", true)
    .where("fetch_kind", "in", ["url", "shadowserver-api", "imap"])
    .where("fetch_every_minutes", "is not", null)
    .where((eb) =>
      eb.or([
        eb("last_fetch_at", "is", null),
        eb(sql<Date>`last_fetch_at + fetch_every_minutes * interval '1 minute'`, "<=", now),
      ]),
    )
    .returningAll()
    .execute();
}

/** A source's settings as an admin gives them (sources made on first use give the first three). */
export type SourceValues = Pick<FeedSourceRow, "name" | "format" | "report_type"> & {
  column_mapping?: unknown;
} & Partial<Pick<FeedSourceRow, "expected_every_hours" | "fetch_kind" | "fetch_config" | "fetch_every_minutes">>;

export async function insertSource(db: Db, values: SourceValues): Promise<FeedSourceRow> {
  const { column_mapping, fetch_config, ...rest } = values;
  return db
    .insertInto("feed_sources")
    .values({
      ...rest,
      column_mapping: column_mapping === undefined || column_mapping === null ? null : JSON.stringify(column_mapping),
      fetch_config: JSON.stringify(fetch_config ?? {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Changes a source's settings or fetch state; answers the changed row. */
export async function updateSource(
  db: Db,
  id: string,
  values: Partial<SourceValues> &
    Partial<
      Pick<FeedSourceRow, "fetch_secret" | "last_fetch_at" | "last_fetch_error" | "http_etag" | "http_last_modified">
    >,
): Promise<FeedSourceRow> {
  const { column_mapping, fetch_config, ...rest } = values;
  return db
    .updateTable("feed_sources")
    .set({
      ...rest,
      ...(column_mapping === undefined
        ? {}
        : { column_mapping: column_mapping === null ? null : JSON.stringify(column_mapping) }),
      ...(fetch_config === undefined ? {} : { fetch_config: JSON.stringify(fetch_config) }),
      updated_at: new Date(),
    })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface NewRun {
  sourceId: string;
  fileName: string;
  via: FeedRunRow["received_via"];
  startedBy: string | null;
  raw: { sha256: string; size: number };
  format: FeedRunRow["format"];
  reportType: string | null;
  /** Where a fetched file came from: a second run of the same origin is not recorded. */
  originKey?: string;
}

/** Starts a run; undefined when the source is already running one (the partial unique index). */
export async function insertRunningRun(db: Db, values: NewRun): Promise<FeedRunRow | undefined> {
  return db
    .insertInto("feed_runs")
    .values({ ...runValues(values), status: "running" })
    .onConflict((oc) => oc.column("source_id").where("status", "=", "running").doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Records an accepted file's run, to be read by the job queue; undefined when its origin was seen. */
export async function insertQueuedRun(db: Db, values: NewRun): Promise<FeedRunRow | undefined> {
  return db
    .insertInto("feed_runs")
    .values({ ...runValues(values), status: "queued", origin_key: values.originKey ?? null })
    .onConflict((oc) => oc.columns(["source_id", "origin_key"]).where("origin_key", "is not", null).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** The run of a fetched file's origin, if one was recorded. */
export async function selectRunByOrigin(db: Db, sourceId: string, originKey: string): Promise<FeedRunRow | undefined> {
  return db
    .selectFrom("feed_runs")
    .selectAll()
    .where("source_id", "=", sourceId)
    .where("origin_key", "=", originKey)
    .executeTakeFirst();
}

function runValues(values: NewRun) {
  return {
    source_id: values.sourceId,
    file_name: values.fileName,
    received_via: values.via,
    started_by: values.startedBy,
    raw_sha256: values.raw.sha256,
    raw_size: values.raw.size,
    format: values.format,
    report_type: values.reportType,
  };
}

export async function selectRun(db: Db, runId: string): Promise<FeedRunRow | undefined> {
  return db.selectFrom("feed_runs").selectAll().where("id", "=", runId).executeTakeFirst();
}

export async function selectSourceById(db: Db, id: string): Promise<FeedSourceRow | undefined> {
  return db.selectFrom("feed_sources").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * A queued run starts: running from now, its counts from zero (a run the queue hands over again after a
 * crash starts over too). Undefined when the source is reading another file (the one-running index).
 */
export async function startRun(db: Db, runId: string): Promise<FeedRunRow | undefined> {
  try {
    return await db
      .updateTable("feed_runs")
      .set({ status: "running", started_at: new Date(), rows_read: 0, events_stored: 0, duplicates: 0, malformed: 0 })
      .where("id", "=", runId)
      .where("status", "in", ["queued", "running"])
      .returningAll()
      .executeTakeFirst();
  } catch (err) {
    if (typeof err === "object" && err !== null && "code" in err && err.code === "23505") return undefined;
    throw err;
  }
}

/** A running run says it is alive (the reaper fails runs that stop saying so). */
export async function touchRun(db: Db, runId: string, now: Date): Promise<void> {
  await db
    .updateTable("feed_runs")
    .set({ heartbeat_at: now })
    .where("id", "=", runId)
    .where("status", "=", "running")
    .execute();
}

/** A running run back to the queue, to be read again from the start. */
export async function requeueRun(db: Db, runId: string): Promise<void> {
  await db
    .updateTable("feed_runs")
    .set({ status: "queued", heartbeat_at: null })
    .where("id", "=", runId)
    .where("status", "=", "running")
    .execute();
}

/** Running runs with no sign of life since `before` (their heartbeat, else their start). */
export async function selectStaleRuns(db: Db, before: Date): Promise<(FeedRunRow & { source_name: string })[]> {
  return db
    .selectFrom("feed_runs as r")
    .innerJoin("feed_sources as s", "s.id", "r.source_id")
    .selectAll("r")
    .select("s.name as source_name")
    .where("r.status", "=", "running")
    .where((eb) => eb(eb.fn.coalesce("r.heartbeat_at", "r.started_at"), "<", before))
    .execute();
}

export async function updateSourceMapping(db: Db, sourceId: string, mapping: unknown): Promise<void> {
  await db
    .updateTable("feed_sources")
    .set({ column_mapping: JSON.stringify(mapping), updated_at: new Date() })
    .where("id", "=", sourceId)
    .execute();
}

export async function finishRun(
  db: Db,
  runId: string,
  values: Pick<
    FeedRunRow,
    "status" | "rows_read" | "events_stored" | "duplicates" | "malformed" | "matched" | "error" | "report_type"
  > & {
    notify_hold?: FeedRunRow["notify_hold"];
    malformed_sample: FeedRunRow["malformed_sample"];
    finished_at: Date;
  },
): Promise<FeedRunRow> {
  return db
    .updateTable("feed_runs")
    .set({ ...values, malformed_sample: JSON.stringify(values.malformed_sample) })
    .where("id", "=", runId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The source's runs before `runId` (newest first): the usual size a finishing run is compared with. */
export async function selectEarlierRuns(db: Db, sourceId: string, runId: string, limit: number): Promise<FeedRunRow[]> {
  return db
    .selectFrom("feed_runs")
    .selectAll()
    .where("source_id", "=", sourceId)
    .where("id", "!=", runId)
    .orderBy("started_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/** Sets a held run's hold (null: released) if it is still held; answers the run, or undefined. */
export async function decideRunHold(db: Db, runId: string, hold: "discarded" | null): Promise<FeedRunRow | undefined> {
  return db
    .updateTable("feed_runs")
    .set({ notify_hold: hold })
    .where("id", "=", runId)
    .where("notify_hold", "=", "surge")
    .returningAll()
    .executeTakeFirst();
}
