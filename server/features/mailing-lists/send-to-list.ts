import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ListLanguage } from "../../../contract/mailing-lists.js";
import { actorLabel, systemActor } from "../../platform/auth/actor.js";
import type { ServiceContext } from "../../platform/deps.js";
import { invalid, notFound } from "../../platform/errors.js";
import { fieldErrorOf } from "../../platform/field-errors.js";
import { enqueue } from "../../platform/jobs/index.js";
import { getOrganisation } from "../constituency/index.js";
import { auditList } from "./audit.js";
import {
  insertCampaign,
  insertContactDeliveries,
  insertMemberDeliveries,
  setCampaignDispatchJob,
  settleDeliveries,
} from "./campaign-store.js";
import { dispatchSpec } from "./dispatch-spec.js";
import { selectList } from "./lists-store.js";
import { selectOrganisationSubscriptions } from "./organisations-store.js";

const noLineBreaks = z.string().refine((v) => !/[\r\n]/.test(v), "must be one line");
export const ListMessage = z.object({
  subject: noLineBreaks.pipe(z.string().min(1).max(300)),
  text: z.string().min(1).max(500_000),
});
export type ListMessage = z.infer<typeof ListMessage>;

/** A mail to a list: Swedish always (the original), English when translated (else subscribers in English get Swedish). */
export const SendToListInput = z.object({
  list: z.string(),
  messages: z.object({ sv: ListMessage, en: ListMessage.optional() }),
  /** What the mail is about, e.g. an advisory's tracking id; shown with the campaign. */
  sourceRef: z.string().max(200).nullable().optional(),
  /** Not before this time (a scheduled publication); default now. */
  sendAfter: z.date().optional(),
  /** Sign with the CERT's OpenPGP key when one is configured (cleartext signature); default true. */
  sign: z.boolean().optional(),
});
export type SendToListInput = z.input<typeof SendToListInput>;

/**
 * Sends a mail to a list: a campaign row and one delivery per recipient — the list's confirmed
 * subscribers and the contacts (of the chosen roles) of organisations on the list, each address once,
 * less those who opted out, each in their language — and the dispatcher job that releases them into the
 * outbox within the send budget (FYR_LIST_SEND_PER_MINUTE; flash alerts before other lists' mail).
 * Written in the caller's transaction (`ctx.db`): an advisory's publication and its list mail commit
 * together. The (campaign, address) key means nobody receives a campaign twice, whatever crashes.
 */
export async function sendToList(
  ctx: ServiceContext,
  input: SendToListInput,
): Promise<{ campaignId: string; recipients: number }> {
  const parsed = SendToListInput.safeParse(input);
  if (!parsed.success)
    throw invalid(
      "list_message_missing",
      "The list mail is incomplete",
      parsed.error.issues.map((i) => fieldErrorOf(i, "", input)),
    );
  const { list: listId, messages, sourceRef, sendAfter, sign } = parsed.data;
  const list = await selectList(ctx.db, listId);
  if (!list) throw notFound("list_not_found", `No list ${listId}`);
  const now = ctx.clock.now();
  const id = randomUUID();
  await insertCampaign(ctx.db, {
    id,
    listId,
    sourceRef: sourceRef ?? null,
    messages,
    sign: sign ?? true,
    priority: list.priority,
    sendAfter: sendAfter ?? now,
    createdBy: actorLabel(ctx.actor),
    at: now,
  });
  await insertMemberDeliveries(ctx.db, id, listId);
  await insertContactDeliveries(ctx.db, id, await organisationContacts(ctx, listId));
  const recipients = await settleDeliveries(ctx.db, id, listId);
  const jobId = await enqueue(
    ctx.db,
    { ...dispatchSpec, priority: list.priority },
    { campaignId: id },
    { runAt: sendAfter ?? now },
  );
  await setCampaignDispatchJob(ctx.db, id, jobId);
  await auditList(ctx, ctx.db, "lists.campaign_created", listId, {
    sourceRef: sourceRef ?? null,
    subject: messages.sv.subject,
    recipients,
  });
  return { campaignId: id, recipients };
}

/** The contacts (of the subscribed roles) of every organisation on the list, read through the registry's service. */
async function organisationContacts(ctx: ServiceContext, listId: string) {
  const subscriptions = await selectOrganisationSubscriptions(ctx.db, { listId });
  // Fyr reads the registry on the list's behalf: the publisher need not be one of its readers.
  const registry: ServiceContext = { ...ctx, actor: systemActor("mailing-lists") };
  const out: { email: string; language: ListLanguage }[] = [];
  for (const s of subscriptions) {
    const org = await getOrganisation(registry, s.organisation_id);
    for (const c of org.contacts)
      if (s.roles.includes(c.role))
        out.push({ email: c.email.toLowerCase(), language: ListLanguage.parse(c.language) });
  }
  return out;
}
