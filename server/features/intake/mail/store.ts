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
