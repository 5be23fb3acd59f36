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

/** Starts a run; undefined when the source is already running one (the partial unique index). */
export async function insertRunningRun(
  db: Db,
  values: { sourceId: string; fileName: string; via: FeedRunRow["received_via"]; startedBy: string | null },
): Promise<FeedRunRow | undefined> {
  return db
    .insertInto("feed_runs")
    .values({
      source_id: values.sourceId,
      file_name: values.fileName,
      received_via: values.via,
      started_by: values.startedBy,
    })
    .onConflict((oc) => oc.column("source_id").where("status", "=", "running").doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function finishRun(
  db: Db,
  runId: string,
  values: Pick<FeedRunRow, "status" | "rows_read" | "events_stored" | "duplicates" | "malformed" | "error"> & {
    raw_sha256: string | null;
    raw_size: number | null;
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
