import { type OperationNodeSource, type Selectable, sql } from "kysely";
import type { Db } from "../db/connect.js";
import type { MailAttachment, MailMessagesTable } from "../db/tables/platform.js";
import { type NewJob, jobInsert } from "../jobs/store.js";

export type MailRow = Selectable<MailMessagesTable>;

export interface OutboxMessage {
  id: string;
  to: string[];
  subject: string;
  text: string;
  headers: Record<string, string>;
  attachments: MailAttachment[];
  createdAt: Date;
}

/**
 * The writes that store a message in the outbox (status 'queued') and the job that delivers it, to be
 * run in one statement (db/write-together.ts): mail is written on hot paths (every report's receipt),
 * where a round trip counts.
 */
export function mailMessageWrites(db: Db, mail: OutboxMessage, job: NewJob): OperationNodeSource[] {
  return [
    db.insertInto("mail_messages").values({
      id: mail.id,
      recipients: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      headers: JSON.stringify(mail.headers),
      ...(mail.attachments.length > 0 ? { attachments: JSON.stringify(mail.attachments) } : {}),
      created_at: mail.createdAt,
    }),
    jobInsert(db, job),
  ];
}

/** One outbox message by id. */
export async function findMailMessage(db: Db, id: string): Promise<MailRow | undefined> {
  return db.selectFrom("mail_messages").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Records the outcome of a delivery attempt. */
export async function recordMailOutcome(
  db: Db,
  id: string,
  outcome:
    | { status: "sent"; smtpMessageId: string; at: Date }
    | { status: "kept" }
    | { status: "queued" | "failed"; error: string },
): Promise<void> {
  const set = (() => {
    switch (outcome.status) {
      case "sent":
        return { status: outcome.status, smtp_message_id: outcome.smtpMessageId, sent_at: outcome.at, error: null };
      case "kept":
        return { status: outcome.status, error: null };
      case "queued":
      case "failed":
        return { status: outcome.status, error: outcome.error };
    }
  })();
  await db.updateTable("mail_messages").set(set).where("id", "=", id).execute();
}

/**
 * The case references (X-Fyr-Reference) of these outbox messages, by id. Our Message-IDs are
 * <outbox-id@domain> with a random id, so a reply naming one in In-Reply-To/References answers mail we
 * sent about that case: the reply token inbound mail is threaded by.
 */
export async function outboxReferences(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("mail_messages")
    .select(["id", sql<string | null>`headers->>'X-Fyr-Reference'`.as("reference")])
    .where("id", "in", ids)
    .execute();
  return new Map(rows.flatMap((r) => (r.reference ? [[r.id, r.reference] as const] : [])));
}
