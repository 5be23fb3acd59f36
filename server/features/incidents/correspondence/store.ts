import { type Selectable, sql } from "kysely";
import type { Db } from "../../../platform/db/connect.js";
import type { IncidentMessagesTable, IncidentThreadsTable } from "../../../platform/db/tables/incidents.js";
import type { MailAuthVerdict, MailVerifiedBy } from "../../../platform/db/tables/intake.js";
import type { MailStatus } from "../../../platform/db/tables/platform.js";
import { queueFileIdentification } from "../../evidence/identification-job.js";
import { queueExtraction } from "../../observables/extraction-job.js";

// SQL for third-party threads and their messages (incident_threads, incident_messages).

export type ThreadRow = Selectable<IncidentThreadsTable>;
export type IncidentMessageRow = Omit<Selectable<IncidentMessagesTable>, "search"> & { mail_status: MailStatus | null };

/** The third-party thread of this incident whose counterpart addresses are exactly these (sorted, lower case). */
export async function findThreadByAddresses(
  db: Db,
  incidentId: string,
  addresses: string[],
): Promise<ThreadRow | undefined> {
  return db
    .selectFrom("incident_threads")
    .selectAll()
    .where("incident_id", "=", incidentId)
    .where(sql<boolean>`addresses = ${addresses}::text[]`)
    .orderBy("created_at")
    .limit(1)
    .executeTakeFirst();
}

/** The newest third-party thread of this incident that has this address among its counterparts. */
export async function findThreadBySender(db: Db, incidentId: string, address: string): Promise<ThreadRow | undefined> {
  return db
    .selectFrom("incident_threads")
    .selectAll()
    .where("incident_id", "=", incidentId)
    .where(sql<boolean>`${address} = any(addresses)`)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** The thread one of our outgoing mails (by outbox id) went out in, within this incident. */
export async function findThreadByOutboxIds(db: Db, incidentId: string, outboxIds: string[]): Promise<string | null> {
  if (outboxIds.length === 0) return null;
  const row = await db
    .selectFrom("incident_messages")
    .select("thread_id")
    .where("incident_id", "=", incidentId)
    .where("outbox_id", "in", outboxIds)
    .orderBy("sent_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.thread_id ?? null;
}

export async function insertThread(
  db: Db,
  row: { incidentId: string; counterpart: string; addresses: string[]; createdAt: Date; createdBy: string | null },
): Promise<ThreadRow> {
  return db
    .insertInto("incident_threads")
    .values({
      incident_id: row.incidentId,
      counterpart: row.counterpart,
      addresses: row.addresses,
      created_at: row.createdAt,
      created_by: row.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface NewIncidentMessage {
  incidentId: string;
  threadId: string;
  direction: "out" | "in";
  from: string | null;
  to: string[];
  subject: string;
  body: string;
  outboxId: string | null;
  mailMessageId: string | null;
  encrypted: boolean;
  signed: boolean;
  authorId: string | null;
  sentAt: Date;
  /** An inbound mail's headers, content hash, trusted verdict and what tied it to its thread. */
  mail?: {
    headers: Record<string, string>;
    contentSha256: string;
    auth: MailAuthVerdict | null;
    verifiedBy: MailVerifiedBy;
  };
}

export async function insertIncidentMessage(db: Db, m: NewIncidentMessage): Promise<string> {
  const row = await db
    .insertInto("incident_messages")
    .values({
      incident_id: m.incidentId,
      thread_id: m.threadId,
      direction: m.direction,
      from_address: m.from,
      to_addresses: m.to,
      subject: m.subject,
      body: m.body,
      outbox_id: m.outboxId,
      mail_message_id: m.mailMessageId,
      encrypted: m.encrypted,
      signed: m.signed,
      author_id: m.authorId,
      sent_at: m.sentAt,
      ...(m.mail
        ? {
            mail_headers: JSON.stringify(m.mail.headers),
            mail_content_sha256: m.mail.contentSha256,
            mail_auth: m.mail.auth ? JSON.stringify(m.mail.auth) : null,
            mail_verified_by: m.mail.verifiedBy,
          }
        : {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  // Queued beside the insert, in its transaction, so no writer of this row can forget extraction.
  await queueExtraction(db, "incident-message", row.id);
  return row.id;
}

/** Files that came with an inbound message (and the raw message itself). */
export async function insertMessageFiles(
  db: Db,
  messageId: string,
  files: { kind: "attachment" | "original"; filename: string; contentType: string; sha256: string; size: number }[],
): Promise<void> {
  if (files.length === 0) return;
  await db
    .insertInto("incident_message_files")
    .values(
      files.map((f, position) => ({
        message_id: messageId,
        kind: f.kind,
        filename: f.filename,
        content_type: f.contentType,
        sha256: f.sha256,
        size: f.size,
        position,
      })),
    )
    .execute();
  // Queued with the rows: every file is identified by its bytes moments after it arrives.
  await queueFileIdentification(
    db,
    files.map((f) => ({ sha256: f.sha256, filename: f.filename, declaredType: f.contentType })),
  );
}

/** The thread an inbound Message-ID was already taken into, if it was. */
export async function findMessageByMailId(db: Db, mailMessageId: string): Promise<{ thread_id: string } | undefined> {
  return db
    .selectFrom("incident_messages")
    .select("thread_id")
    .where("mail_message_id", "=", mailMessageId)
    .executeTakeFirst();
}

/** The newest inbound Message-ID in a thread, for In-Reply-To. */
export async function lastInboundMailId(db: Db, threadId: string): Promise<string | null> {
  const row = await db
    .selectFrom("incident_messages")
    .select("mail_message_id")
    .where("thread_id", "=", threadId)
    .where("direction", "=", "in")
    .where("mail_message_id", "is not", null)
    .orderBy("sent_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.mail_message_id ?? null;
}

export async function selectThreads(db: Db, incidentId: string): Promise<ThreadRow[]> {
  return db
    .selectFrom("incident_threads")
    .selectAll()
    .where("incident_id", "=", incidentId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** Every third-party message of the incident, oldest first, with its outbox status. */
export async function selectIncidentMessages(db: Db, incidentId: string): Promise<IncidentMessageRow[]> {
  return db
    .selectFrom("incident_messages as m")
    .leftJoin("mail_messages as o", "o.id", "m.outbox_id")
    .select([
      "m.id",
      "m.incident_id",
      "m.thread_id",
      "m.direction",
      "m.from_address",
      "m.to_addresses",
      "m.subject",
      "m.body",
      "m.outbox_id",
      "m.mail_message_id",
      "m.encrypted",
      "m.signed",
      "m.author_id",
      "m.sent_at",
      "m.mail_headers",
      "m.mail_content_sha256",
      "m.mail_auth",
      "m.mail_verified_by",
      "o.status as mail_status",
    ])
    .where("m.incident_id", "=", incidentId)
    .orderBy("m.sent_at")
    .orderBy("m.id")
    .execute();
}

/** KPI: the first response is the first message the CERT sent from the incident. */
export async function markFirstResponse(db: Db, incidentId: string, at: Date): Promise<void> {
  await db
    .updateTable("incidents")
    .set({ first_response_at: at })
    .where("id", "=", incidentId)
    .where("first_response_at", "is", null)
    .execute();
}

/** An incident's id by reference, for mail intake (the system, not a person: no TLP filter). */
export async function selectIncidentIdByReference(db: Db, reference: string): Promise<string | null> {
  const row = await db.selectFrom("incidents").select("id").where("reference", "=", reference).executeTakeFirst();
  return row?.id ?? null;
}
