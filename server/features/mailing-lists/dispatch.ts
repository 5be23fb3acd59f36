import type * as OpenPgp from "openpgp";
import type { ListLanguage } from "../../../contract/mailing-lists.js";
import type { Clock } from "../../platform/clock.js";
import type { Db } from "../../platform/db/connect.js";
import { WriteBatch } from "../../platform/db/write-together.js";
import type { CampaignMessage } from "../../platform/db/tables/mailing-lists.js";
import { type JobDefinition, defineJob, enqueue } from "../../platform/jobs/index.js";
import { queueMail } from "../../platform/mail/index.js";
import { loadOpenPgp } from "../../platform/openpgp.js";
import {
  type CampaignRow,
  countReleasedSince,
  hasPending,
  lockSendBudget,
  markReleased,
  moveCampaign,
  selectCampaign,
  setCampaignDispatchJob,
  storeSignedMessages,
  takePendingDeliveries,
} from "./campaign-store.js";
import { dispatchSpec } from "./dispatch-spec.js";
import { domainOf, listFooter, listHeaders, listLinks, newListToken } from "./list-mail.js";
import { type ListRow, insertManageTokens, selectLists } from "./lists-store.js";
import { type ListsConfig, MANAGE_LINK_MS } from "./types.js";

// The dispatcher: each run (a "tick") releases what the send budget allows into the outbox — a token, a
// mail_messages row and a mail.send job per delivery, and the delivery marked released — and queues its
// next run, all in one transaction. A crash anywhere leaves either the whole tick or none of it, and
// the reaper runs the tick again: a delivery is released once, so a recipient gets one message (the
// outbox's mail.send keeps its Message-ID if a crash falls between the SMTP hand-over and its record).

/** How often a dispatcher runs while its campaign has deliveries left. */
export const TICK_MS = 5_000;
const WINDOW_MS = 60_000;
/** The most one tick writes in its transaction. */
const MAX_PER_TICK = 500;
/** Mail rows per statement (db/write-together.ts). */
const WRITE_CHUNK = 50;

export type CertKeySource = () => Promise<OpenPgp.PrivateKey | null>;

export interface DispatchDeps {
  config: ListsConfig;
  /** The CERT's OpenPGP key (FYR_PGP_KEY_FILE), null when none is configured. */
  certKey: CertKeySource;
}

/** The dispatcher job, with the configuration and key it needs; the composition root lists it. */
export function createListDispatchJob(deps: DispatchDeps): JobDefinition<{ campaignId: string }> {
  return defineJob({
    ...dispatchSpec,
    async handler({ campaignId }, ctx) {
      const signingKey = await deps.certKey();
      await ctx.db.transaction().execute(async (tx) => {
        const campaign = await selectCampaign(tx, campaignId);
        // Paused, done, or a stale chain (this job ran again after its successor was queued): stop.
        if (!campaign || campaign.status !== "sending" || campaign.dispatch_job !== ctx.jobId) return;
        await dispatchTick(tx, ctx.clock, deps.config, campaign, signingKey);
      });
    },
  });
}

async function dispatchTick(
  tx: Db,
  clock: Clock,
  config: ListsConfig,
  campaign: CampaignRow,
  signingKey: OpenPgp.PrivateKey | null,
): Promise<void> {
  const now = clock.now();
  if (campaign.send_after > now) return next(tx, campaign, campaign.send_after);

  await lockSendBudget(tx);
  const perMinute = config.listSendPerMinute;
  const spent = await countReleasedSince(tx, new Date(now.getTime() - WINDOW_MS));
  // The tick's share is counted across every campaign's dispatcher too: two campaigns sending at once
  // share one pace, not one each.
  const spentThisTick = await countReleasedSince(tx, new Date(now.getTime() - TICK_MS));
  const perTick = Math.ceil((perMinute * TICK_MS) / WINDOW_MS);
  const budget = Math.min(MAX_PER_TICK, perTick - spentThisTick.count, perMinute - spent.count);
  const pending = await takePendingDeliveries(tx, now, budget);
  if (pending.length > 0) {
    const lists = await selectLists(tx);
    // Other campaigns' deliveries may be released here (a flash alert's first): each campaign's
    // messages are signed before its first release, by whichever tick releases it.
    const campaigns = new Map<string, CampaignRow>();
    for (const id of new Set(pending.map((p) => p.campaign_id))) {
      const row = await selectCampaign(tx, id);
      if (!row) continue;
      if (row.sign && !row.signed && signingKey) {
        const messages = await signMessages(row.messages, signingKey);
        await storeSignedMessages(tx, row.id, messages);
        campaigns.set(id, { ...row, messages, signed: true });
      } else campaigns.set(id, row);
    }
    await release(tx, clock, config, pending, campaigns, lists);
  }
  if (!(await hasPending(tx, campaign.id))) {
    await moveCampaign(tx, campaign.id, "sending", "done", now);
    await setCampaignDispatchJob(tx, campaign.id, null);
    return;
  }
  // Only the transaction's size held this tick back: go on at once.
  if (budget === MAX_PER_TICK && pending.length === MAX_PER_TICK) return next(tx, campaign, now);
  // The minute's budget is spent: wait until its oldest release leaves the window.
  const windowFull = spent.count + pending.length >= perMinute && spent.oldest !== null;
  const at =
    windowFull && spent.oldest ? new Date(spent.oldest.getTime() + WINDOW_MS + 1) : new Date(now.getTime() + TICK_MS);
  return next(tx, campaign, at > now ? at : new Date(now.getTime() + TICK_MS));
}

async function next(tx: Db, campaign: CampaignRow, at: Date): Promise<void> {
  const jobId = await enqueue(
    tx,
    { ...dispatchSpec, priority: campaign.priority },
    { campaignId: campaign.id },
    { runAt: at },
  );
  await setCampaignDispatchJob(tx, campaign.id, jobId);
}

async function release(
  tx: Db,
  clock: Clock,
  config: ListsConfig,
  pending: { campaign_id: string; list_id: string; email: string; language: ListLanguage }[],
  campaigns: Map<string, CampaignRow>,
  lists: ListRow[],
): Promise<void> {
  const now = clock.now();
  const mailDomain = domainOf(config.mailFrom);
  const tokens: { hash: string; email: string; language: ListLanguage; listId: string }[] = [];
  const released: { campaignId: string; email: string; mailId: string }[] = [];
  for (let i = 0; i < pending.length; i += WRITE_CHUNK) {
    const batch = new WriteBatch(tx);
    for (const d of pending.slice(i, i + WRITE_CHUNK)) {
      const campaign = campaigns.get(d.campaign_id);
      const message = campaign ? pick(campaign.messages, d.language) : undefined;
      if (!message) continue;
      const list = lists.find((l) => l.id === d.list_id);
      const listName = list ? (d.language === "sv" ? list.name_sv : list.name_en) : d.list_id;
      const { token, hash } = newListToken();
      const links = listLinks(config.publicUrl, token);
      tokens.push({ hash, email: d.email, language: d.language, listId: d.list_id });
      const mailId = await queueMail(batch, clock, {
        to: d.email,
        subject: message.subject,
        text: `${message.text}\n${listFooter(d.language, listName, links)}\n`,
        headers: listHeaders(d.list_id, mailDomain, links.unsubscribe, token),
      });
      released.push({ campaignId: d.campaign_id, email: d.email, mailId });
    }
    await batch.run();
  }
  await insertManageTokens(tx, tokens, now, new Date(now.getTime() + MANAGE_LINK_MS));
  await markReleased(tx, released, now);
}

/** The message in the recipient's language, else the Swedish original. */
function pick(messages: Partial<Record<ListLanguage, CampaignMessage>>, language: ListLanguage) {
  return messages[language] ?? messages.sv;
}

/**
 * Each language's text with a cleartext OpenPGP signature (RFC 4880 §7), once per campaign: the
 * per-recipient footer follows the signature block, outside what is signed.
 */
async function signMessages(
  messages: Partial<Record<ListLanguage, CampaignMessage>>,
  key: OpenPgp.PrivateKey,
): Promise<Partial<Record<ListLanguage, CampaignMessage>>> {
  const pgp = await loadOpenPgp();
  const out: Partial<Record<ListLanguage, CampaignMessage>> = {};
  for (const language of ["sv", "en"] as const) {
    const m = messages[language];
    if (!m) continue;
    const text = await pgp.sign({ message: await pgp.createCleartextMessage({ text: m.text }), signingKeys: key });
    out[language] = { subject: m.subject, text };
  }
  return out;
}
