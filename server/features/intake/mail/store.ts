import { sql } from "kysely";
import type { Db } from "../../../platform/db/connect.js";

/** How many reports arrived by mail from this sender since `since` (case-insensitive address). */
export async function countMailedReportsFrom(db: Db, address: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom("reports")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("channel", "=", "email")
    .where(sql<string>`lower(reporter_email)`, "=", address.toLowerCase())
    .where("received_at", ">", since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Serialises acknowledgement decisions for one sender until the transaction ends, so two processes
 * taking mail from the same sender at once cannot both count "2 so far" and send a 4th.
 */
export async function lockSenderForAcknowledgement(tx: Db, address: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`fyr.mail-ack:${address.toLowerCase()}`}))`.execute(tx);
}

/** The reference of a report, or null. */
export async function referenceOfReport(db: Db, reportId: string): Promise<string | null> {
  const row = await db.selectFrom("reports").select("reference").where("id", "=", reportId).executeTakeFirst();
  return row?.reference ?? null;
}

/** True when the database answers: tells an outage apart from a message that cannot be taken in. */
export async function databaseAnswers(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

export interface EarlierArrival {
  contentSha256: string | null;
  reference: string | null;
  reportId: string | null;
}

/**
 * What already came in with this Message-ID: every arrival, and (for mail taken in before arrivals were
 * recorded, or by a process that died before recording one) reports and report messages carrying it.
 */
export async function arrivalsWithMessageId(db: Db, messageId: string): Promise<EarlierArrival[]> {
  const arrivals = await db
    .selectFrom("mail_arrivals")
    .select(["content_sha256 as contentSha256", "reference", "report_id as reportId"])
    .where("message_id", "=", messageId)
    .where("outcome", "<>", "duplicate")
    .execute();
  if (arrivals.length > 0) return arrivals;
  return db
    .selectFrom("reports")
    .select(["mail_content_sha256 as contentSha256", "reference", "id as reportId"])
    .where("mail_message_id", "=", messageId)
    .unionAll(
      db
        .selectFrom("report_messages as m")
        .innerJoin("reports as r", "r.id", "m.report_id")
        .select(["m.mail_content_sha256 as contentSha256", "r.reference", "r.id as reportId"])
        .where("m.mail_message_id", "=", messageId),
    )
    .execute();
}

export interface NewArrival {
  messageId: string;
  contentSha256: string;
  rawSha256: string;
  rawSize: number;
  source: "import" | "smtp" | "imap";
  outcome: "created" | "threaded" | "incident" | "duplicate" | "notification";
  reference: string | null;
  reportId: string | null;
  receivedAt: Date;
}

/** Records one inbound message (its raw blob is referenced from here on). */
export async function insertArrival(db: Db, a: NewArrival): Promise<void> {
  await db
    .insertInto("mail_arrivals")
    .values({
      message_id: a.messageId,
      content_sha256: a.contentSha256,
      raw_sha256: a.rawSha256,
      raw_size: a.rawSize,
      source: a.source,
      outcome: a.outcome,
      reference: a.reference,
      report_id: a.reportId,
      received_at: a.receivedAt,
    })
    .execute();
}
