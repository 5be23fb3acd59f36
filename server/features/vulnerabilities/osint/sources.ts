import type { OsintSource, OsintSourceCreate, OsintSourceList, OsintSourcePatch } from "../../../../contract/osint.js";
import { appendAudit } from "../../../platform/audit.js";
import type { ServiceContext } from "../../../platform/deps.js";
import { conflict, notFound } from "../../../platform/errors.js";
import { enqueue } from "../../../platform/jobs/enqueue.js";
import { assertMayReadVulnerabilities, assertMayWorkVulnerabilities } from "../policy.js";
import { osintFetchSpec } from "./poll.js";
import { type OsintSourceRow, deleteSource, insertSource, selectSources, updateSource } from "./osint-store.js";

export const presentSource = (r: OsintSourceRow): OsintSource => ({
  id: r.id,
  name: r.name,
  url: r.url,
  enabled: r.enabled,
  health: {
    lastFetchAt: r.last_fetch_at?.toISOString() ?? null,
    lastSuccessAt: r.last_success_at?.toISOString() ?? null,
    lastError: r.last_error,
    items: r.items_total,
  },
  createdAt: r.created_at.toISOString(),
});

const missing = () => notFound("osint_source_not_found", "No OSINT source with this id");

/** Every OSINT source with its health (last fetch, last success, the last error). */
export async function listOsintSources(ctx: ServiceContext): Promise<OsintSourceList> {
  assertMayReadVulnerabilities(ctx.actor);
  return { items: (await selectSources(ctx.db)).map(presentSource) };
}

/** Adds a feed to poll (the next pass fetches it); audited. */
export async function addOsintSource(ctx: ServiceContext, input: OsintSourceCreate): Promise<OsintSource> {
  assertMayWorkVulnerabilities(ctx.actor);
  return ctx.db.transaction().execute(async (tx) => {
    const row = await insertSource(tx, input.name, input.url);
    if (!row) throw conflict("osint_source_exists", "An OSINT source with this URL exists already");
    await enqueue(tx, osintFetchSpec, { sourceId: row.id });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "osint.source_added",
      target: { type: "osint_source", id: row.id },
      diff: { name: row.name, url: row.url },
      ip: ctx.ip ?? null,
    });
    return presentSource(row);
  });
}

/** Renames a source or turns its polling off and on; audited. */
export async function updateOsintSource(
  ctx: ServiceContext,
  id: string,
  patch: OsintSourcePatch,
): Promise<OsintSource> {
  assertMayWorkVulnerabilities(ctx.actor);
  return ctx.db.transaction().execute(async (tx) => {
    const row = await updateSource(tx, id, patch, ctx.clock.now());
    if (!row) throw missing();
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "osint.source_updated",
      target: { type: "osint_source", id },
      diff: { name: row.name, ...patch },
      ip: ctx.ip ?? null,
    });
    return presentSource(row);
  });
}

/** Removes a source and its items; audited. */
export async function removeOsintSource(ctx: ServiceContext, id: string): Promise<void> {
  assertMayWorkVulnerabilities(ctx.actor);
  await ctx.db.transaction().execute(async (tx) => {
    const row = await deleteSource(tx, id);
    if (!row) throw missing();
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "osint.source_removed",
      target: { type: "osint_source", id },
      diff: { name: row.name, url: row.url },
      ip: ctx.ip ?? null,
    });
  });
}
