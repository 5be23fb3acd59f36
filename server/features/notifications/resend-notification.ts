import type { NotificationDetail } from "../../../contract/notifications.js";
import { CASE_WORKER_ROLES } from "../../../contract/roles.js";
import { appendAudit } from "../../platform/audit.js";
import { actorHolds } from "../../platform/auth/actor.js";
import { inTransaction } from "../../platform/db/connect.js";
import { WriteBatch } from "../../platform/db/write-together.js";
import { forbidden, notFound } from "../../platform/errors.js";
import type { ServiceContext } from "../../platform/deps.js";
import { notificationTargets } from "../constituency/index.js";
import { deleteFailingAddress } from "./delivery-store.js";
import { type NotifyContext, queueDelivery } from "./make-digest.js";
import { selectNotification } from "./notifications-store.js";
import { getNotification } from "./read-notifications.js";
import { chooseRecipients } from "./recipients.js";

// Staff's hands on delivery: send a digest again (to the contacts the registry names now, sealed for the
// keys known now), and take an address off the failing list once it works again. Case workers (duty,
// analysts, admins) may; each is audited.

export function assertMayDeliver(ctx: ServiceContext): void {
  if (!actorHolds(ctx.actor, CASE_WORKER_ROLES))
    throw forbidden("forbidden", "Only duty officers, analysts and admins send notifications");
}

/** Sends a digest again as a new delivery; answers the digest. */
export async function resendNotification(ctx: NotifyContext, id: string): Promise<NotificationDetail> {
  assertMayDeliver(ctx);
  const row = await selectNotification(ctx.db, id);
  if (!row) throw notFound("notification_not_found", "No notification with this id");
  const target = (await notificationTargets(ctx, [row.organisation_id])).get(row.organisation_id);
  if (!target) throw notFound("organisation_not_found", "The notification's organisation is no longer in the registry");
  const certKey = await ctx.notifier.certKey();
  await inTransaction(ctx.db, async (tx) => {
    // The contacts who read the language it was written in (the registry's now).
    const recipients = await chooseRecipients(tx, target, ctx.clock.now(), row.language);
    const batch = new WriteBatch(tx);
    const delivery = await queueDelivery(batch, ctx, {
      notificationId: row.id,
      reference: row.reference,
      subject: row.subject,
      body: row.body,
      csv: row.csv,
      to: recipients.to,
      keys: recipients.keys,
      certKey,
    });
    await appendAudit(batch, ctx.clock, {
      actor: ctx.actor,
      action: "notification.resent",
      target: { type: "notification", id: row.reference },
      diff: {
        reference: row.reference,
        organisation: target.name,
        recipients: recipients.to,
        encrypted: delivery.encrypted,
      },
      ip: ctx.ip ?? null,
    });
    await batch.run();
  });
  return getNotification(ctx, id);
}

/** Takes an address off the failing list, so digests go to it again. */
export async function clearFailingAddress(ctx: ServiceContext, address: string): Promise<void> {
  assertMayDeliver(ctx);
  await inTransaction(ctx.db, async (tx) => {
    const removed = await deleteFailingAddress(tx, address);
    if (!removed) throw notFound("notification_address_not_failing", `${address} is not marked failing`);
    const target = (await notificationTargets({ ...ctx, db: tx }, [removed.organisation_id])).get(
      removed.organisation_id,
    );
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "notification.address_cleared",
      target: { type: "organisation", id: removed.organisation_id },
      diff: { address: removed.address, organisation: target?.name ?? null },
      ip: ctx.ip ?? null,
    });
  });
}
