import { appendAudit } from "../../platform/audit.js";
import { systemActor } from "../../platform/auth/actor.js";
import { type Db, inTransaction } from "../../platform/db/connect.js";
import type { Clock } from "../../platform/clock.js";
import type { NotificationMail } from "../intake/mail/ingest.js";
import { answeredOutboxIds } from "../intake/mail/reply-token.js";
import { insertReply, markDeliveryBounced, upsertFailingAddress } from "./delivery-store.js";
import { isHardBounce, parseDsn } from "./dsn.js";
import { selectDeliveryByOutbox } from "./notifications-store.js";

// Inbound mail about a digest (intake hands every message here first; the composition root wires it):
// - a DSN for a digest's mail: a hard bounce marks each failed address failing (digests skip it, and the
//   organisation is on the "cannot reach" list) and the delivery bounced; a soft one is left to the MTA;
// - an automatic answer (out of office, RFC 3834) to a digest: taken and ignored;
// - a person's reply to a digest: threaded to it. Both by the reply token only (our Message-ID in the
//   bounce's returned headers, or in In-Reply-To/References), never by the reference in the subject,
//   which anyone can type.

const MAX_REPLY = 100_000;

/** The notifier's hook for inbound mail; answers the digest's reference when the mail was about one. */
export async function takeNotificationMail(
  deps: { db: Db; clock: Clock },
  mail: NotificationMail,
): Promise<{ reference: string } | null> {
  const dsn = mail.automated !== null ? parseDsn(mail.raw) : null;
  if (dsn) {
    const ids = [...answeredOutboxIds(dsn.originalMessageId, []), ...mail.answeredOutboxIds];
    const delivery = await selectDeliveryByOutbox(deps.db, ids);
    if (!delivery) return null;
    const failed = dsn.recipients.filter(isHardBounce);
    if (failed.length === 0) return { reference: delivery.reference };
    const now = deps.clock.now();
    await inTransaction(deps.db, async (tx) => {
      const reason = failed.map((r) => `${r.address}: ${r.status}${r.diagnostic ? ` ${r.diagnostic}` : ""}`).join("; ");
      await markDeliveryBounced(tx, delivery.delivery_id, reason.slice(0, 1000), now);
      for (const r of failed)
        await upsertFailingAddress(tx, {
          address: r.address,
          organisation_id: delivery.organisation_id,
          reason: `${r.status}${r.diagnostic ? ` ${r.diagnostic}` : ""}`.slice(0, 500),
          notification_id: delivery.notification_id,
          failed_at: now,
        });
      await appendAudit(tx, deps.clock, {
        actor: systemActor("mail-bounce"),
        action: "notification.bounced",
        target: { type: "notification", id: delivery.reference },
        diff: {
          reference: delivery.reference,
          addresses: failed.map((r) => r.address),
          status: failed.map((r) => r.status),
        },
        ip: null,
      });
    });
    return { reference: delivery.reference };
  }
  const delivery = await selectDeliveryByOutbox(deps.db, mail.answeredOutboxIds);
  if (!delivery) return null;
  // Out-of-office and other robots' answers are ignored; a bounce that is no DSN tells nothing sure.
  if (mail.automated !== null) return { reference: delivery.reference };
  await inTransaction(deps.db, async (tx) => {
    const fresh = await insertReply(tx, {
      notification_id: delivery.notification_id,
      from_address: mail.from,
      subject: mail.subject.slice(0, 998),
      body: (mail.body.trim() || mail.subject).slice(0, MAX_REPLY),
      message_id: mail.messageId,
      raw_sha256: mail.rawSha256,
      received_at: deps.clock.now(),
    });
    if (fresh)
      await appendAudit(tx, deps.clock, {
        actor: systemActor("mail-reply"),
        action: "notification.replied",
        target: { type: "notification", id: delivery.reference },
        diff: { reference: delivery.reference, from: mail.from },
        ip: null,
      });
  });
  return { reference: delivery.reference };
}
