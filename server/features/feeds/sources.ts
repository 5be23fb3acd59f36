import { appendAudit } from "../../platform/audit.js";
import type { ServiceContext } from "../../platform/deps.js";
import type { FeedFormat } from "../../platform/db/tables/feeds.js";
import { type FeedSourceRow, insertSource, selectSourceByName } from "./sources-store.js";

/** The source of this name, made (and audited) with the format when it does not exist yet. */
export async function ensureSource(
  ctx: ServiceContext,
  input: { name: string; format: FeedFormat; reportType?: string | null },
): Promise<FeedSourceRow> {
  const found = await selectSourceByName(ctx.db, input.name);
  if (found) return found;
  return ctx.db.transaction().execute(async (tx) => {
    const row = await insertSource(tx, {
      name: input.name,
      format: input.format,
      report_type: input.reportType ?? null,
    });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "feed.source_create",
      target: { type: "feed_source", id: row.id },
      diff: { name: row.name, format: row.format, reportType: row.report_type },
      ip: ctx.ip ?? null,
    });
    return row;
  });
}
