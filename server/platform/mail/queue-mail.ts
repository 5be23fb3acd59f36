import { randomUUID } from "node:crypto";
import type { OperationNodeSource } from "kysely";
import { z } from "zod";
import type { Clock } from "../clock.js";
import type { Db } from "../db/connect.js";
import { type WriteBatch, dbOf, writeNowOrLater } from "../db/write-together.js";
import { invalid } from "../errors.js";
import { fieldErrorOf } from "../field-errors.js";
import { newJob } from "../jobs/enqueue.js";
import { JOB_PRIORITY, type JobSpec } from "../jobs/define.js";
import { mailMessageWrites } from "./store.js";

/** The mail.send job's name and payload; the handler lives in send-job.ts (it needs the transport). */
export const mailSendSpec: JobSpec<{ messageId: string }> = {
  name: "mail.send",
  payload: z.object({ messageId: z.uuid() }),
  // Back-off doubles from 5 s and caps at 1 h: twelve attempts keep trying for about two and a half hours.
  maxAttempts: 12,
  // A reporter waits for their receipt: it goes before extraction and scans queued by the same writes.
  priority: JOB_PRIORITY.interactive,
};

const noLineBreaks = (what: string) => z.string().refine((v) => !/[\r\n]/.test(v), `${what} must be one line`);

export const MailDraft = z.object({
  to: z.union([z.email(), z.array(z.email()).min(1).max(100)]),
  /** Copy recipients: delivered to, and named in a Cc header (the row's recipients hold To and Cc). */
  cc: z.array(z.email()).max(100).optional(),
  subject: noLineBreaks("subject").pipe(z.string().min(1).max(998)),
  text: z.string().max(1_000_000),
  /** Files sent with it, as text (a digest's CSV, an armored OpenPGP file); at most 20 MB each. */
  attachments: z
    .array(
      z.object({
        filename: noLineBreaks("file name").pipe(z.string().min(1).max(200)),
        contentType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+(; ?charset=[a-z0-9-]+)?$/i, "a MIME type"),
        content: z.string().max(20_000_000),
      }),
    )
    .max(10)
    .optional(),
  headers: z
    .record(
      z.string().regex(/^[A-Za-z0-9-]+$/, "header names are letters, digits and dashes"),
      noLineBreaks("header value"),
    )
    .optional(),
});
export type MailDraft = z.input<typeof MailDraft>;

/**
 * Puts a message in the outbox and queues its delivery, in the caller's transaction: the mail
 * goes out exactly when the write that causes it commits. Machine-written mail is marked
 * `Auto-Submitted: auto-generated` (RFC 3834) unless the caller sets that header itself.
 * Returns the outbox id. Given a WriteBatch, the inserts join the batch's one statement.
 */
export async function queueMail(db: Db | WriteBatch, clock: Clock, draft: MailDraft): Promise<string> {
  const { id, writes } = queueMailWrites(dbOf(db), clock, draft);
  await writeNowOrLater(db, writes);
  return id;
}

function queueMailWrites(db: Db, clock: Clock, draft: MailDraft): { id: string; writes: OperationNodeSource[] } {
  const parsed = MailDraft.safeParse(draft);
  if (!parsed.success) {
    throw invalid(
      "mail_invalid",
      "The message cannot be sent as it is",
      parsed.error.issues.map((i) => fieldErrorOf(i, "", draft)),
    );
  }
  const { to, cc, subject, text, attachments } = parsed.data;
  const headers = { ...parsed.data.headers };
  const recipients = Array.isArray(to) ? [...to] : [to];
  if (cc && cc.length > 0) {
    headers.Cc = cc.join(", ");
    recipients.push(...cc.filter((a) => !recipients.includes(a)));
  }
  if (!Object.keys(headers).some((k) => k.toLowerCase() === "auto-submitted"))
    headers["Auto-Submitted"] = "auto-generated";
  const now = clock.now();
  // The id is drawn here so the delivery job can name it in the same statement.
  const id = randomUUID();
  const writes = mailMessageWrites(
    db,
    { id, to: recipients, subject, text, headers, attachments: attachments ?? [], createdAt: now },
    newJob(mailSendSpec, { messageId: id }, { runAt: now }),
  );
  return { id, writes };
}
