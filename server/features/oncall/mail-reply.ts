import type { Clock } from "../../platform/clock.js";
import type { Config } from "../../platform/config.js";
import type { Db } from "../../platform/db/connect.js";
import type { Logger } from "../../platform/log.js";
import { acknowledgeByMail } from "./acknowledge.js";

// A reply to a page's mail whose first words are "ack" acknowledges it (intake hands inbound mail to
// this hook before it files anything: features/intake/mail/ingest.ts, the notificationMail hook's kind).
// Tied by the reply token only — our Message-ID in In-Reply-To/References, i.e. the outbox id of the
// page's mail — never by a reference in the subject, which anyone can type.

/** The fields of inbound mail this hook reads (intake's NotificationMail has them all). */
export interface PageReplyMail {
  body: string;
  answeredOutboxIds: readonly string[];
  automated: unknown;
}

const ACK = /^\s*(ack|kvittera|kvitterad|ok)\b/i;

/** Takes a reply to a page: answers the page's subject when it was one (acknowledged if it says "ack"). */
export async function takePageReply(
  deps: { db: Db; clock: Clock; config: Config; logger: Logger },
  mail: PageReplyMail,
): Promise<{ reference: string } | null> {
  if (mail.answeredOutboxIds.length === 0) return null;
  const delivery = await deps.db
    .selectFrom("oncall_deliveries as d")
    .innerJoin("oncall_pages as p", "p.id", "d.page_id")
    .innerJoin("oncall_escalations as e", "e.id", "p.escalation_id")
    .select(["d.user_id", "e.id as escalation_id", "e.subject_ref"])
    .where("d.outbox_id", "in", [...mail.answeredOutboxIds])
    .executeTakeFirst();
  if (!delivery) return null;
  // An out-of-office answer is taken (not filed as a report) but acknowledges nothing.
  if (mail.automated !== null || !ACK.test(mail.body)) return { reference: delivery.subject_ref };
  await acknowledgeByMail(
    { db: deps.db, clock: deps.clock, config: deps.config },
    delivery.escalation_id,
    delivery.user_id,
  );
  deps.logger.info({ subject: delivery.subject_ref }, "page acknowledged by mail reply");
  return { reference: delivery.subject_ref };
}
