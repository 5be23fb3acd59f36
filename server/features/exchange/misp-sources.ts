import type { MispFeedSource, MispFeedSourceCreate } from "../../../contract/misp.js";
import { appendAudit } from "../../platform/audit.js";
import { newUuidV7 } from "../../platform/db/uuid-v7.js";
import type { ServiceContext } from "../../platform/deps.js";
import { loadVisibleIncident } from "../incidents/access.js";
import { type PullResult, pullMispFeeds } from "./misp-pull.js";
import { type MispFeedSourceRow, insertSource, selectSource, selectSources } from "./misp-sources-store.js";

// The partner MISP feeds Fyr pulls (admins configure them): each pulled into one incident.

const present = (r: MispFeedSourceRow): MispFeedSource => ({
  id: r.id,
  name: r.name,
  url: r.url,
  incident: r.reference,
  organisationId: r.organisation_id,
  enabled: r.enabled,
  lastPulledAt: r.last_pulled_at?.toISOString() ?? null,
  lastError: r.last_error,
});

export async function createMispFeedSource(ctx: ServiceContext, input: MispFeedSourceCreate): Promise<MispFeedSource> {
  const incident = await loadVisibleIncident(ctx.db, ctx.actor, input.incident);
  const id = newUuidV7(ctx.clock.now().getTime());
  await ctx.db.transaction().execute(async (tx) => {
    await insertSource(tx, {
      id,
      name: input.name,
      url: input.url,
      incident_id: incident.id,
      organisation_id: input.organisationId ?? null,
      created_by: ctx.actor.kind === "user" ? ctx.actor.userId : null,
      created_at: ctx.clock.now(),
    });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "exchange.misp_feed_source_created",
      target: { type: "misp_feed_source", id },
      diff: { name: input.name, url: input.url, incident: incident.reference },
      ip: ctx.ip ?? null,
    });
  });
  const row = await selectSource(ctx.db, id);
  if (!row) throw new Error("the source just stored is gone");
  return present(row);
}

export async function listMispFeedSources(ctx: ServiceContext): Promise<{ items: MispFeedSource[] }> {
  return { items: (await selectSources(ctx.db)).map(present) };
}

/** An admin pulls every feed now (else the worker does, hourly). Audited as a write: it imports. */
export async function pullMispFeedsNow(ctx: ServiceContext): Promise<PullResult> {
  const result = await pullMispFeeds(ctx);
  await appendAudit(ctx.db, ctx.clock, {
    actor: ctx.actor,
    action: "exchange.misp_feeds_pulled",
    diff: result,
    ip: ctx.ip ?? null,
  });
  return result;
}
