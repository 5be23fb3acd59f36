import { type Selectable, sql } from "kysely";
import type { Db } from "../db/connect.js";
import type { MailMessagesTable } from "../db/tables/platform.js";
import { type NewJob, jobValues } from "../jobs/store.js";

export type MailRow = Selectable<MailMessagesTable>;

/**
 * Stores a message in the outbox (status 'queued') together with the job that delivers it, in one
 * statement: mail is written on hot paths (every report's receipt), where a round trip counts.
 */
export async function insertMailMessageWithJob(
  db: Db,
  mail: { id: string; to: string[]; subject: string; text: string; headers: Record<string, string>; createdAt: Date },
  job: NewJob,
): Promise<void> {
  await db
    .with("mail", (q) =>
      q
        .insertInto("mail_messages")
        .values({
          id: mail.id,
          recipients: mail.to,
          subject: mail.subject,
          text_body: mail.text,
          headers: JSON.stringify(mail.headers),
          created_at: mail.createdAt,
        })
        .returning("id"),
    )
    .insertInto("jobs")
    .values(jobValues(job))
    .execute();
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
