import { createHash, randomBytes } from "node:crypto";
import type { EscalationStep } from "../../../contract/oncall.js";
import type { Config } from "../../platform/config.js";
import type { Db } from "../../platform/db/connect.js";
import type { OncallChannel } from "../../platform/db/tables/oncall.js";
import { type JobContext, type JobDefinition, defineJob } from "../../platform/jobs/index.js";
import { queueMail } from "../../platform/mail/index.js";
import { type ChannelOutcome, sendSmsByGateway, sendWebhook, smsMailAddress } from "./channels.js";
import { oncallPageSpec } from "./page-spec.js";
import {
  type Recipient,
  insertAckToken,
  selectOnShift,
  selectPageForSending,
  selectPeople,
  setDeliveryStatus,
  setPageStatus,
  upsertDelivery,
} from "./page-store.js";
import { pageText } from "./page-words.js";
import { StoredSteps } from "./steps.js";

const ACK_LINK_TTL_MS = 7 * 86_400_000;

/** A one-time acknowledgement token: the raw value goes in the page, only its SHA-256 is stored. */
export function ackTokenHash(token: string): Buffer {
  return createHash("sha256").update(token).digest();
}

/** Whom a step wakes, by the rota at `at`; nobody on shift falls back to all on duty, then every duty officer. */
export async function recipientsOf(db: Db, step: EscalationStep, at: Date): Promise<Recipient[]> {
  let found: Recipient[];
  switch (step.notify) {
    case "primary":
    case "backup":
      found = await selectOnShift(db, at, step.notify);
      break;
    case "all-duty":
      found = await selectOnShift(db, at, null);
      break;
    case "person":
      found = await selectPeople(db, step.userId ? [step.userId] : []);
      break;
  }
  if (found.length === 0) found = await selectOnShift(db, at, null);
  if (found.length === 0) found = await selectPeople(db, "all-duty");
  return found;
}

/** A seam for the exactly-once proof: runs after the page is loaded, before anything is sent. */
export interface PageHooks {
  beforeDeliver?: (pageId: string) => Promise<void>;
}

/**
 * The oncall.page job: sends one claimed step to each person it wakes, trying the step's channels in
 * order until one is sent (SMS fails over to mail when the gateway is down or the person has no phone).
 * A delivery already sent (a retry after a crash) is not sent again.
 */
export function createOncallPageJob(config: Config, hooks: PageHooks = {}): JobDefinition<{ pageId: string }> {
  return defineJob({
    ...oncallPageSpec,
    async handler({ pageId }, ctx) {
      const page = await selectPageForSending(ctx.db, pageId);
      if (!page || page.status !== "queued") return;
      if (page.acknowledged_at) return setPageStatus(ctx.db, pageId, "skipped");
      await hooks.beforeDeliver?.(pageId);
      const steps = StoredSteps.parse(page.steps);
      // The policy may have been shortened since the claim: its last step stands in.
      const step = steps[page.step] ?? steps[steps.length - 1];
      if (!step) return setPageStatus(ctx.db, pageId, "failed");
      const people = await recipientsOf(ctx.db, step, ctx.clock.now());
      let anySent = false;
      for (const person of people) {
        const sent = await pagePerson(config, ctx, page, step.channels, person);
        anySent ||= sent;
      }
      await setPageStatus(ctx.db, pageId, anySent ? "sent" : "failed");
    },
  });
}

type Page = NonNullable<Awaited<ReturnType<typeof selectPageForSending>>>;

async function pagePerson(
  config: Config,
  ctx: JobContext,
  page: Page,
  channels: readonly OncallChannel[],
  person: Recipient,
): Promise<boolean> {
  const now = ctx.clock.now();
  const token = randomBytes(24).toString("base64url");
  await insertAckToken(ctx.db, {
    token_sha256: ackTokenHash(token),
    escalation_id: page.escalation_id,
    user_id: person.id,
    language: person.language,
    expires_at: new Date(now.getTime() + ACK_LINK_TTL_MS),
  });
  const link = `${config.publicUrl}/oncall/ack/${token}`;
  const words = pageText(person.language, { ...page, subject: page.subject_ref }, link);
  for (const channel of channels) {
    const outcome = await deliver(config, ctx, page, channel, person, words);
    if (outcome) return true;
  }
  return false;
}

/** One channel for one person: true once sent (now or before). */
async function deliver(
  config: Config,
  ctx: JobContext,
  page: Page,
  channel: OncallChannel,
  person: Recipient,
  words: ReturnType<typeof pageText>,
): Promise<boolean> {
  const { db, clock } = ctx;
  const oncall = config.oncall;
  // A webhook speaks to a bridge (a room), not a person: one per page, whoever it is tried for.
  const userId = channel === "webhook" ? null : person.id;
  const target =
    channel === "email" ? person.email : channel === "sms" ? (person.phone ?? "") : (oncall.webhookUrl ?? "");
  const delivery = await upsertDelivery(db, { page_id: page.id, user_id: userId, channel, target }, clock.now());
  if (delivery.status === "sent") return true;
  if (delivery.status === "failed") return false;
  const mailTo =
    channel === "email"
      ? person.email
      : channel === "sms" && person.phone && !oncall.smsUrl && oncall.smsMailDomain
        ? smsMailAddress(oncall.smsMailDomain, person.phone)
        : null;
  if (mailTo) {
    // Through the outbox, in the transaction that records the delivery sent: both or neither.
    await db.transaction().execute(async (tx) => {
      const outboxId = await queueMail(tx, clock, {
        to: mailTo,
        subject: channel === "sms" ? words.sms.slice(0, 160) : words.subject,
        text: channel === "sms" ? words.sms : words.mail,
        headers: { "X-Priority": "1", Importance: "high" },
      });
      await tx
        .updateTable("oncall_deliveries")
        .set({ status: "sent", outbox_id: outboxId, updated_at: clock.now() })
        .where("id", "=", delivery.id)
        .execute();
    });
    return true;
  }
  let outcome: ChannelOutcome;
  if (channel === "sms")
    outcome = !person.phone
      ? { ok: false, error: "no phone number" }
      : oncall.smsUrl
        ? await sendSmsByGateway(oncall.smsUrl, person.phone, words.sms)
        : { ok: false, error: "no SMS gateway is configured" };
  else
    outcome = await sendWebhook(oncall, delivery.id, {
      kind: "fyr.oncall.page",
      trigger: page.trigger,
      subject: page.subject_ref,
      title: page.title,
      step: page.step,
      loop: page.loop,
      // No one-time link: a room is not the person it would record as having acknowledged.
      text: words.subject,
    });
  await setDeliveryStatus(
    db,
    delivery.id,
    outcome.ok ? "sent" : "failed",
    outcome.ok ? null : outcome.error,
    clock.now(),
  );
  return outcome.ok;
}
