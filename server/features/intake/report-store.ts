import type { Insertable, Selectable } from "kysely";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import { WriteBatch, dbOf } from "../../platform/db/write-together.js";
import type { IncidentStatus } from "../../platform/db/tables/incidents.js";
import type { ReportStatus, ReportsTable } from "../../platform/db/tables/intake.js";
import { incidentVisibleSql, reportVisibleSql } from "../../platform/tlp.js";
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

/** What the NIS2 clock needs, of those of these reports that have one (NIS2 applies or a stage came). */
export async function selectNis2Facts(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("reports")
    .select([
      "id",
      "reference",
      "nis2_applies",
      "nis2_aware_at",
      "nis2_trust_service_provider",
      "received_at",
      "ongoing",
      "acknowledged_at",
    ])
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
> & { mail_files_not_stored_count: number };

/** One page of the inbox as `actor` may see it (TLP policy), newest first, after the keyset cursor. */
export async function selectInbox(
  db: Db,
  actor: Actor,
  filter: { status?: ReportStatus; after?: { at: Date; id: string }; limit: number },
): Promise<InboxRow[]> {
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
    ])
    .orderBy("received_at", "desc")
    .orderBy("id", "desc")
    .limit(filter.limit);
  if (filter.status) query = query.where("status", "=", filter.status);
  const after = filter.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([eb("received_at", "<", after.at), eb.and([eb("received_at", "=", after.at), eb("id", "<", after.id)])]),
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
