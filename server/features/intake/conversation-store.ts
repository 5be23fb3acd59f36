import type { Insertable, Selectable } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import { type WriteBatch, dbOf, writeNowOrLater } from "../../platform/db/write-together.js";
import type {
  ReportAttachmentsTable,
  ReportMessagesTable,
  ReportNis2StagesTable,
} from "../../platform/db/tables/intake.js";
import { queueFileIdentification } from "../evidence/identification-job.js";
import { queueExtraction } from "../observables/extraction-job.js";

// SQL for what hangs off a report: attachments, the conversation, NIS2 stages.

export type AttachmentRow = Selectable<ReportAttachmentsTable>;
export type MessageRow = Selectable<ReportMessagesTable>;
export type Nis2StageRow = Selectable<ReportNis2StagesTable>;

export async function insertAttachments(
  tx: Db | WriteBatch,
  rows: Insertable<ReportAttachmentsTable>[],
): Promise<void> {
  if (rows.length === 0) return;
  await writeNowOrLater(tx, [dbOf(tx).insertInto("report_attachments").values(rows)]);
  // Queued with the rows: every file is identified by its bytes moments after it arrives.
  await queueFileIdentification(
    tx,
    rows.map((r) => ({ sha256: r.sha256, filename: r.filename, declaredType: r.content_type })),
  );
}

export async function insertMessage(tx: Db, row: Insertable<ReportMessagesTable>): Promise<string> {
  const inserted = await tx.insertInto("report_messages").values(row).returning("id").executeTakeFirstOrThrow();
  // Queued beside the insert, in its transaction, so no writer of this row can forget extraction.
  await queueExtraction(tx, "report-message", inserted.id);
  if (row.raw_sha256) await queueFileIdentification(tx, [{ sha256: row.raw_sha256, declaredType: "message/rfc822" }]);
  return inserted.id;
}

export async function insertNis2Stage(tx: Db | WriteBatch, row: Insertable<ReportNis2StagesTable>): Promise<void> {
  await writeNowOrLater(tx, [dbOf(tx).insertInto("report_nis2_stages").values(row)]);
}

export async function selectAttachments(db: Db, reportId: string): Promise<AttachmentRow[]> {
  return db
    .selectFrom("report_attachments")
    .selectAll()
    .where("report_id", "=", reportId)
    .orderBy("created_at")
    .orderBy("position")
    .execute();
}

export async function selectAttachment(db: Db, reportId: string, id: string): Promise<AttachmentRow | undefined> {
  return db
    .selectFrom("report_attachments")
    .selectAll()
    .where("report_id", "=", reportId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function selectMessages(db: Db, reportId: string): Promise<MessageRow[]> {
  return db
    .selectFrom("report_messages")
    .selectAll()
    .where("report_id", "=", reportId)
    .orderBy("sent_at")
    .orderBy("seq")
    .execute();
}

export async function selectNis2Stages(db: Db, reportId: string): Promise<Nis2StageRow[]> {
  return db
    .selectFrom("report_nis2_stages")
    .selectAll()
    .where("report_id", "=", reportId)
    .orderBy("submitted_at")
    .orderBy("id")
    .execute();
}

/** When the CERT first wrote to the reporter, if it has. */
export async function selectFirstCertMessageAt(db: Db, reportId: string): Promise<Date | null> {
  const row = await db
    .selectFrom("report_messages")
    .select("sent_at")
    .where("report_id", "=", reportId)
    .where("author", "=", "cert")
    .orderBy("sent_at")
    .limit(1)
    .executeTakeFirst();
  return row?.sent_at ?? null;
}

/** A conversation message's raw mail (blob hash and size), when it came by mail. */
export async function selectMessageRaw(
  db: Db,
  reportId: string,
  messageId: string,
): Promise<{ raw_sha256: string | null; raw_size: number | null } | undefined> {
  return db
    .selectFrom("report_messages")
    .select(["raw_sha256", "raw_size"])
    .where("report_id", "=", reportId)
    .where("id", "=", messageId)
    .executeTakeFirst();
}
