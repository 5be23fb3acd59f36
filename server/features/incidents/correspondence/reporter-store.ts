import type { Actor } from "../../../platform/auth/actor.js";
import type { Db } from "../../../platform/db/connect.js";
import type { MailAuthVerdict, MailVerifiedBy, SharingConsent } from "../../../platform/db/tables/intake.js";
import type { MailStatus } from "../../../platform/db/tables/platform.js";
import { reportVisibleSql } from "../../../platform/tlp.js";

// SQL for the reporter threads: the reports linked to an incident and their conversations.

export interface LinkedReportRow {
  id: string;
  reference: string;
  reporter_email: string | null;
  reporter_name: string | null;
  organisation_name: string | null;
  language: "sv" | "en";
  sharing_information: SharingConsent | null;
  mail_message_id: string | null;
}

function linkedReports(db: Db, incidentId: string) {
  return db
    .selectFrom("incident_reports as ir")
    .innerJoin("reports as r", "r.id", "ir.report_id")
    .select([
      "r.id",
      "r.reference",
      "r.reporter_email",
      "r.reporter_name",
      "r.organisation_name",
      "r.language",
      "r.sharing_information",
      "r.mail_message_id",
    ])
    .where("ir.incident_id", "=", incidentId)
    .orderBy("ir.linked_at")
    .orderBy("r.reference");
}

/**
 * The reports linked to an incident that the actor may see, in link order: a report also linked to a
 * TLP:RED incident hidden from them is left out, so nothing a person writes can reach or name it.
 */
export async function selectLinkedReports(db: Db, incidentId: string, actor: Actor): Promise<LinkedReportRow[]> {
  return linkedReports(db, incidentId).where(reportVisibleSql(actor, "r")).execute();
}

/** Every report linked to an incident, for mail intake only (the system files a reply, no person reads it). */
export async function selectLinkedReportsForMail(db: Db, incidentId: string): Promise<LinkedReportRow[]> {
  return linkedReports(db, incidentId).execute();
}

export interface ConversationRow {
  id: string;
  report_id: string;
  author: "reporter" | "cert";
  body: string;
  via: "web" | "email" | "console";
  mail_message_id: string | null;
  sent_at: Date;
  subject: string | null;
  to_addresses: string[] | null;
  encrypted: boolean | null;
  signed: boolean | null;
  outbox_id: string | null;
  mail_status: MailStatus | null;
  from_address: string | null;
  mail_auth: MailAuthVerdict | null;
  mail_verified_by: MailVerifiedBy | null;
}

/** The conversations of these reports, oldest first, with what an incident recorded of its own messages. */
export async function selectConversations(db: Db, reportIds: string[]): Promise<ConversationRow[]> {
  if (reportIds.length === 0) return [];
  return db
    .selectFrom("report_messages as m")
    .leftJoin("incident_reporter_messages as x", "x.report_message_id", "m.id")
    .leftJoin("mail_messages as o", "o.id", "x.outbox_id")
    .select([
      "m.id",
      "m.report_id",
      "m.author",
      "m.body",
      "m.via",
      "m.mail_message_id",
      "m.sent_at",
      "x.subject",
      "x.to_addresses",
      "x.encrypted",
      "x.signed",
      "x.outbox_id",
      "o.status as mail_status",
      "m.from_address",
      "m.mail_auth",
      "m.mail_verified_by",
    ])
    .where("m.report_id", "in", reportIds)
    .orderBy("m.sent_at")
    .orderBy("m.seq")
    .execute();
}

/** Records that a reporter-thread message was written from an incident, and the mail that carried it. */
export async function insertReporterMessageLink(
  db: Db,
  row: {
    reportMessageId: string;
    incidentId: string;
    subject: string;
    to: string[];
    outboxId: string | null;
    encrypted: boolean;
    signed: boolean;
  },
): Promise<void> {
  await db
    .insertInto("incident_reporter_messages")
    .values({
      report_message_id: row.reportMessageId,
      incident_id: row.incidentId,
      subject: row.subject,
      to_addresses: row.to,
      outbox_id: row.outboxId,
      encrypted: row.encrypted,
      signed: row.signed,
    })
    .execute();
}

/** The report whose reporter one of our outgoing mails (by outbox id) went to, within this incident. */
export async function findReportByOutboxIds(db: Db, incidentId: string, outboxIds: string[]): Promise<string | null> {
  if (outboxIds.length === 0) return null;
  const row = await db
    .selectFrom("incident_reporter_messages as x")
    .innerJoin("report_messages as m", "m.id", "x.report_message_id")
    .select("m.report_id")
    .where("x.incident_id", "=", incidentId)
    .where("x.outbox_id", "in", outboxIds)
    .limit(1)
    .executeTakeFirst();
  return row?.report_id ?? null;
}

/** The newest Message-ID the reporter mailed on this report (or the report's own), for In-Reply-To. */
export async function lastReporterMailId(db: Db, report: LinkedReportRow): Promise<string | null> {
  const row = await db
    .selectFrom("report_messages")
    .select("mail_message_id")
    .where("report_id", "=", report.id)
    .where("author", "=", "reporter")
    .where("mail_message_id", "is not", null)
    .orderBy("sent_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.mail_message_id ?? report.mail_message_id;
}

/** The reference of the report whose conversation took this mailed Message-ID, if one did. */
export async function reportReferenceByMailId(db: Db, mailMessageId: string): Promise<string | null> {
  const row = await db
    .selectFrom("report_messages as m")
    .innerJoin("reports as r", "r.id", "m.report_id")
    .select("r.reference")
    .where("m.mail_message_id", "=", mailMessageId)
    .executeTakeFirst();
  return row?.reference ?? null;
}
