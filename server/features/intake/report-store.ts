import { type Insertable, type Selectable, type SqlBool, sql } from "kysely";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import { WriteBatch, dbOf } from "../../platform/db/write-together.js";
import type { IncidentStatus } from "../../platform/db/tables/incidents.js";
import type { ReportStatus, ReportsTable } from "../../platform/db/tables/intake.js";
import { incidentVisibleSql, reportVisibleSql } from "../../platform/tlp.js";
import { reportUnreadSql } from "../../platform/unread.js";
import { queueFileIdentification } from "../evidence/identification-job.js";
import { queueExtraction } from "../observables/extraction-job.js";

// SQL for the reports table only; rules live in the use-case files.

export type ReportRow = Selectable<ReportsTable>;
export type NewReportRow = Insertable<ReportsTable>;

/** Inserts a report under the id the caller drew (db/uuid-v7.ts), or adds the insert to a batch. */
export async function insertReport(tx: Db | WriteBatch, row: NewReportRow & { id: string }): Promise<void> {
  const batch = tx instanceof WriteBatch ? tx : new WriteBatch(tx);
  batch.add(dbOf(tx).insertInto("reports").values(row));
  // Queued beside the insert, in its statement, so no writer of this row can forget extraction.
  await queueExtraction(batch, "report", row.id);
  // A mailed report's original is evidence: identified by its bytes like every file.
  if (row.raw_sha256)
    await queueFileIdentification(batch, [{ sha256: row.raw_sha256, declaredType: "message/rfc822" }]);
  if (batch !== tx) await batch.run();
}

export async function selectReportByTokenHash(db: Db, hash: string): Promise<ReportRow | undefined> {
  return db.selectFrom("reports").selectAll().where("follow_up_token_hash", "=", hash).executeTakeFirst();
}

export async function selectReportById(db: Db, id: string): Promise<ReportRow | undefined> {
  return db.selectFrom("reports").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * The report as staff `actor` may see it (TLP policy: not if linked to a TLP:RED incident hidden from
 * them), optionally locked until the end of the caller's transaction.
 */
export async function selectVisibleReportByReference(
  db: Db,
  actor: Actor,
  reference: string,
  options: { forUpdate?: boolean } = {},
): Promise<ReportRow | undefined> {
  let query = db
    .selectFrom("reports as r")
    .selectAll("r")
    .where("r.reference", "=", reference)
    .where(reportVisibleSql(actor, "r"));
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The incidents the report is linked to that `actor` may see, oldest link first. */
export async function selectVisibleIncidentsOfReport(
  db: Db,
  actor: Actor,
  reportId: string,
): Promise<{ reference: string; title: string; status: IncidentStatus }[]> {
  return db
    .selectFrom("incident_reports as l")
    .innerJoin("incidents as i", "i.id", "l.incident_id")
    .select(["i.reference", "i.title", "i.status"])
    .where("l.report_id", "=", reportId)
    .where(incidentVisibleSql(actor, "i"))
    .orderBy("l.linked_at")
    .orderBy("i.reference")
    .execute();
}

/** What the NIS2 clock needs of a report. */
const NIS2_FACTS = [
  "id",
  "reference",
  "nis2_applies",
  "nis2_aware_at",
  "nis2_trust_service_provider",
  "received_at",
  "ongoing",
  "acknowledged_at",
] as const;

/** What the NIS2 clock needs, of those of these reports that have one (NIS2 applies or a stage came). */
export async function selectNis2Facts(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("reports")
    .select(NIS2_FACTS)
    .where("id", "in", [...ids])
    .where((eb) =>
      eb.or([
        eb("nis2_applies", "=", true),
        eb.exists(eb.selectFrom("report_nis2_stages as s").select("s.id").whereRef("s.report_id", "=", "reports.id")),
      ]),
    )
    .orderBy("received_at")
    .execute();
}

export async function selectReportIdByReference(db: Db, reference: string): Promise<string | null> {
  const row = await db.selectFrom("reports").select("id").where("reference", "=", reference).executeTakeFirst();
  return row?.id ?? null;
}

/** The report a mailed Message-ID already went into: as the report itself or as a follow-up message. */
export async function selectReportIdByMailMessageId(db: Db, messageId: string): Promise<string | null> {
  const row = await db
    .selectFrom("reports")
    .select("id")
    .where("mail_message_id", "=", messageId)
    .unionAll(db.selectFrom("report_messages").select("report_id as id").where("mail_message_id", "=", messageId))
    .executeTakeFirst();
  return row?.id ?? null;
}

export type InboxRow = Pick<
  ReportRow,
  | "id"
  | "reference"
  | "status"
  | "channel"
  | "received_at"
  | "acknowledged_at"
  | "summary"
  | "what_happened"
  | "reporter_name"
  | "reporter_email"
  | "organisation_name"
  | "organisation_sector"
  | "tlp"
  | "nis2_applies"
  | "mail_unverified_reference"
  | "mail_message_id_reused"
  | "mail_read_level"
> & { mail_files_not_stored_count: number; unread: boolean };

/**
 * One page of the inbox as `actor` may see it (TLP policy), newest first — or, sorted "unread", what is
 * new to the actor first (rank 0) — after the keyset cursor.
 */
export async function selectInbox(
  db: Db,
  actor: Actor,
  filter: {
    status?: ReportStatus;
    sort: "received" | "unread";
    after?: { at: Date; id: string; rank: 0 | 1 };
    limit: number;
    now: Date;
  },
): Promise<InboxRow[]> {
  const unread = reportUnreadSql(actor, "reports", filter.now);
  const rank = sql<number>`(case when ${unread} then 0 else 1 end)`;
  let query = db
    .selectFrom("reports")
    .where(reportVisibleSql(actor, "reports"))
    .select([
      "id",
      "reference",
      "status",
      "channel",
      "received_at",
      "acknowledged_at",
      "summary",
      // The inbox shows a line of it; the whole text stays in the database.
      (eb) => eb.fn<string>("left", ["what_happened", eb.val(300)]).as("what_happened"),
      "reporter_name",
      "reporter_email",
      "organisation_name",
      "organisation_sector",
      "tlp",
      "nis2_applies",
      "mail_unverified_reference",
      "mail_message_id_reused",
      "mail_read_level",
      (eb) =>
        eb.fn
          .coalesce(eb.fn<number>("jsonb_array_length", ["mail_files_not_stored"]), eb.lit(0))
          .as("mail_files_not_stored_count"),
      unread.$castTo<boolean>().as("unread"),
    ])
    .limit(filter.limit);
  if (filter.sort === "unread") query = query.orderBy(rank);
  query = query.orderBy("received_at", "desc").orderBy("id", "desc");
  if (filter.status) query = query.where("status", "=", filter.status);
  const after = filter.after;
  if (after) {
    const older = sql<SqlBool>`(received_at, id) < (${after.at}, ${after.id}::uuid)`;
    query = query.where(
      filter.sort === "unread"
        ? sql<SqlBool>`(${rank} > ${after.rank} or (${rank} = ${after.rank} and ${older}))`
        : older,
    );
  }
  return query.execute();
}

/** Records a status change (acknowledge, reject). */
export async function updateReport(
  tx: Db,
  id: string,
  changes: Partial<
    Pick<
      ReportRow,
      | "status"
      | "acknowledged_at"
      | "acknowledged_by"
      | "rejected_at"
      | "rejected_by"
      | "rejected_reason"
      | "rejected_note"
    >
  >,
): Promise<void> {
  await tx.updateTable("reports").set(changes).where("id", "=", id).execute();
}

/** Names of staff users by id, for "acknowledged by" and message authors. */
export async function selectUserNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(["id", "name"])
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** NIS2 reports the actor may see that may still have a deadline running: not rejected, received since `since`. */
export async function selectRecentNis2Reports(db: Db, actor: Actor, since: Date, limit: number) {
  return db
    .selectFrom("reports")
    .select([...NIS2_FACTS, "summary"])
    .where("nis2_applies", "=", true)
    .where("status", "<>", "rejected")
    .where("received_at", ">", since)
    .where(reportVisibleSql(actor, "reports"))
    .orderBy("received_at", "desc")
    .limit(limit)
    .execute();
}
