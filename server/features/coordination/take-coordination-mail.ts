import { systemActor } from "../../platform/auth/actor.js";
import type { Clock } from "../../platform/clock.js";
import { type Db, inTransaction } from "../../platform/db/connect.js";
import type { NotificationMail } from "../intake/mail/ingest.js";
import { selectCaseById, selectParticipants } from "./cases-store.js";
import { writeParticipantPost } from "./my-cases.js";
import { postByMailMessageId, selectCaseMailByOutbox } from "./posts-store.js";

// Inbound mail answering a case mail (intake hands every message to the hooks first; the composition
// root wires this one beside the notifier's). By the reply token only — our Message-ID in In-Reply-To or
// References, which only the addressee saw — never by the reference in the subject, which anyone can
// type. The reply becomes the participant's post in the thread the mail was about, to the coordinator
// alone. Automatic answers (out of office, bounces) are taken and ignored.

const MAX_REPLY = 50_000;

/** Strips the quoted mail below a reply ("> …" lines and what follows an "On … wrote:" line). */
export function replyText(body: string): string {
  const lines: string[] = [];
  for (const line of body.split(/\r?\n/)) {
    if (/^\s*>/.test(line)) continue;
    if (/^(On|Den|Le|Am) .+(wrote|skrev|a écrit|schrieb):\s*$/.test(line.trim())) break;
    lines.push(line);
  }
  return lines.join("\n").trim();
}

/** The coordination hook for inbound mail; answers the case's reference when the mail was a reply to one. */
export async function takeCoordinationMail(
  deps: { db: Db; clock: Clock },
  mail: NotificationMail,
): Promise<{ reference: string } | null> {
  const sent = await selectCaseMailByOutbox(deps.db, mail.answeredOutboxIds);
  if (!sent) return null;
  const c = await selectCaseById(deps.db, sent.case_id);
  if (!c) return null;
  if (mail.automated !== null) return { reference: c.reference };
  if (await postByMailMessageId(deps.db, mail.messageId)) return { reference: c.reference };
  const me = (await selectParticipants(deps.db, c.id)).find((p) => p.id === sent.participant_id);
  if (!me) return { reference: c.reference };
  const body = (replyText(mail.body) || mail.subject).slice(0, MAX_REPLY);
  const ctx = { db: deps.db, clock: deps.clock, actor: systemActor("mail-reply") };
  await inTransaction(deps.db, async (tx) => {
    await writeParticipantPost({ ...ctx, db: tx }, tx, c, me, {
      body,
      threadId: sent.thread_id,
      authorUserId: null,
      authorEmail: mail.from ?? sent.email,
      mailMessageId: mail.messageId,
    });
  });
  return { reference: c.reference };
}
