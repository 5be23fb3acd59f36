import type { Selectable } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { FeedRunsTable, FeedSourcesTable } from "../../platform/db/tables/feeds.js";

export type FeedSourceRow = Selectable<FeedSourcesTable>;
export type FeedRunRow = Selectable<FeedRunsTable>;

/** The source by name (a source's name is how files, mailboxes and the CLI name it). */
export async function selectSourceByName(db: Db, name: string): Promise<FeedSourceRow | undefined> {
  return db.selectFrom("feed_sources").selectAll().where("name", "=", name).executeTakeFirst();
}

export async function insertSource(
  db: Db,
  values: Pick<FeedSourceRow, "name" | "format" | "report_type"> & { column_mapping?: unknown },
): Promise<FeedSourceRow> {
  return db
    .insertInto("feed_sources")
    .values({
      name: values.name,
      format: values.format,
      report_type: values.report_type,
      column_mapping: values.column_mapping === undefined ? null : JSON.stringify(values.column_mapping),
    })
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

/** Records an accepted file's run, to be read by the job queue. */
export async function insertQueuedRun(db: Db, values: NewRun): Promise<FeedRunRow> {
  return db
    .insertInto("feed_runs")
    .values({ ...runValues(values), status: "queued" })
    .returningAll()
    .executeTakeFirstOrThrow();
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
