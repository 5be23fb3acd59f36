import { z } from "zod";
import type { Campaign, CampaignList, CampaignQuery } from "../../../contract/mailing-lists.js";
import type { ServiceContext } from "../../platform/deps.js";
import { conflict, notFound } from "../../platform/errors.js";
import { enqueue } from "../../platform/jobs/index.js";
import { keyset, readKeysetPage } from "../../platform/keyset-page.js";
import { auditList } from "./audit.js";
import {
  type CampaignRow,
  moveCampaign,
  selectCampaign,
  selectCampaignPage,
  selectProgress,
  setCampaignDispatchJob,
} from "./campaign-store.js";
import { dispatchSpec } from "./dispatch-spec.js";
import { assertMayManageLists, assertMayPauseCampaigns } from "./policy.js";

// The sent list mail as staff follow it: each campaign with its progress (sent, failed, remaining, read
// from the outbox rows its deliveries were released as), and an admin's pause and resume.

const KEYS = keyset(z.object({ t: z.string(), id: z.uuid() }).strict());

function present(
  row: CampaignRow,
  progress: { sent: number; failed: number; remaining: number } | undefined,
): Campaign {
  const p = progress ?? { sent: 0, failed: 0, remaining: row.recipients };
  return {
    id: row.id,
    list: row.list_id,
    sourceRef: row.source_ref,
    subject: row.messages.sv?.subject ?? row.messages.en?.subject ?? "",
    status: row.status,
    signed: row.signed,
    sendAfter: row.send_after.toISOString(),
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    recipients: row.recipients,
    ...p,
  };
}

export async function listCampaigns(ctx: ServiceContext, query: CampaignQuery): Promise<CampaignList> {
  assertMayManageLists(ctx.actor);
  const { rows, nextCursor } = await readKeysetPage(
    query,
    KEYS,
    ({ after, limit }) => selectCampaignPage(ctx.db, query.list, after, limit),
    (r) => ({ t: r.created_at.toISOString(), id: r.id }),
  );
  const progress = await selectProgress(
    ctx.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => present(r, progress.get(r.id))), nextCursor };
}

/** One campaign with its progress (for the console, and for a publisher's "how far is it"). */
export async function getCampaign(ctx: ServiceContext, id: string): Promise<Campaign> {
  assertMayManageLists(ctx.actor);
  const row = await selectCampaign(ctx.db, id);
  if (!row) throw notFound("campaign_not_found", `No campaign ${id}`);
  return present(row, (await selectProgress(ctx.db, [id])).get(id));
}

/** Stops releasing a campaign's deliveries (what is in the outbox already still goes). */
export async function pauseCampaign(ctx: ServiceContext, id: string): Promise<Campaign> {
  assertMayPauseCampaigns(ctx.actor);
  await ctx.db.transaction().execute(async (tx) => {
    const row = await selectCampaign(tx, id);
    if (!row) throw notFound("campaign_not_found", `No campaign ${id}`);
    if (!(await moveCampaign(tx, id, "sending", "paused", ctx.clock.now())))
      throw conflict("campaign_not_pausable", "Only a campaign still sending can be paused");
    await setCampaignDispatchJob(tx, id, null);
    await auditList({ ...ctx, db: tx }, tx, "lists.campaign_paused", row.list_id, { sourceRef: row.source_ref });
  });
  return getCampaign(ctx, id);
}

/** Sends a paused campaign on, from where it stopped: a new dispatcher chain. */
export async function resumeCampaign(ctx: ServiceContext, id: string): Promise<Campaign> {
  assertMayPauseCampaigns(ctx.actor);
  await ctx.db.transaction().execute(async (tx) => {
    const row = await selectCampaign(tx, id);
    if (!row) throw notFound("campaign_not_found", `No campaign ${id}`);
    if (!(await moveCampaign(tx, id, "paused", "sending", ctx.clock.now())))
      throw conflict("campaign_not_pausable", "Only a paused campaign can be resumed");
    const jobId = await enqueue(tx, { ...dispatchSpec, priority: row.priority }, { campaignId: id });
    await setCampaignDispatchJob(tx, id, jobId);
    await auditList({ ...ctx, db: tx }, tx, "lists.campaign_resumed", row.list_id, { sourceRef: row.source_ref });
  });
  return getCampaign(ctx, id);
}
