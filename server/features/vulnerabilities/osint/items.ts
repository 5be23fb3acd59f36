import { z } from "zod";
import type {
  OsintItem,
  OsintItemPage,
  OsintItemQuery,
  OsintItemStatus,
  OsintItemUsed,
  OsintUse,
} from "../../../../contract/osint.js";
import type { StaffContext } from "../../../platform/http/context.js";
import { type NewsItem, addNewsToWeeklyLetter, draftAdvisoryFromNews } from "../../advisories/index.js";
import { appendAudit } from "../../../platform/audit.js";
import type { ServiceContext } from "../../../platform/deps.js";
import { notFound } from "../../../platform/errors.js";
import { keyset, readKeysetPage } from "../../../platform/keyset-page.js";
import { assertMayReadVulnerabilities, assertMayWorkVulnerabilities } from "../policy.js";
import { type OsintItemRow, selectItem, selectItemPage, setItemStatus, setItemUse } from "./osint-store.js";
import { cvesIn } from "./parse-feed.js";

const KEYS = keyset(z.object({ at: z.iso.datetime(), id: z.uuid() }).strict());
const STATUSES: Record<OsintItemQuery["status"], OsintItemStatus[]> = {
  inbox: ["new", "read"],
  new: ["new"],
  read: ["read"],
  dismissed: ["dismissed"],
  all: ["new", "read", "dismissed"],
};

const missing = () => notFound("osint_item_not_found", "No OSINT news item with this id");

export const presentItem = (r: OsintItemRow): OsintItem => ({
  id: r.id,
  source: { id: r.source_id, name: r.source_name },
  title: r.title,
  link: r.link,
  summary: r.summary,
  publishedAt: r.published_at?.toISOString() ?? null,
  fetchedAt: r.fetched_at.toISOString(),
  status: r.status,
  usedFor: r.used_for,
  usedAt: r.used_at?.toISOString() ?? null,
  cves: cvesIn(`${r.title}\n${r.summary}`),
});

/** The inbox (or another status), newest fetched first, keyset pages. */
export async function listOsintItems(ctx: ServiceContext, query: OsintItemQuery): Promise<OsintItemPage> {
  assertMayReadVulnerabilities(ctx.actor);
  const page = await readKeysetPage(
    query,
    KEYS,
    ({ after, limit }) =>
      selectItemPage(ctx.db, { statuses: STATUSES[query.status], sourceId: query.source }, after, limit),
    (r) => ({ at: r.fetched_at.toISOString(), id: r.id }),
  );
  return { items: page.rows.map(presentItem), nextCursor: page.nextCursor };
}

/** One item — what an advisory draft is prefilled from (title, link, summary, CVEs). */
export async function getOsintItem(ctx: ServiceContext, id: string): Promise<OsintItem> {
  assertMayReadVulnerabilities(ctx.actor);
  const row = await selectItem(ctx.db, id);
  if (!row) throw missing();
  return presentItem(row);
}

/** Marks an item read, dismissed, or new again; audited. */
export async function markOsintItem(ctx: ServiceContext, id: string, status: OsintItemStatus): Promise<OsintItem> {
  assertMayWorkVulnerabilities(ctx.actor);
  return ctx.db.transaction().execute(async (tx) => {
    const before = await selectItem(tx, id);
    if (!before || !(await setItemStatus(tx, id, status))) throw missing();
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "osint.item_marked",
      target: { type: "osint_item", id },
      diff: { title: before.title, source: before.source_name, from: before.status, to: status },
      ip: ctx.ip ?? null,
    });
    const row = await selectItem(tx, id);
    if (!row) throw missing();
    return presentItem(row);
  });
}

/**
 * Turns the item into advisory work and records it: "advisory-draft" makes a new advisory draft
 * prefilled from it, "weekly-letter" adds it as an item of the weekly letter being written (the
 * advisories service does either, in this transaction). Audited; answers the item and the draft.
 */
export async function markOsintItemUsed(ctx: StaffContext, id: string, use: OsintUse): Promise<OsintItemUsed> {
  assertMayWorkVulnerabilities(ctx.actor);
  return ctx.db.transaction().execute(async (tx) => {
    const before = await selectItem(tx, id);
    if (!before) throw missing();
    const item = presentItem(before);
    const news: NewsItem = {
      title: item.title,
      summary: item.summary,
      link: item.link,
      cves: item.cves,
      source: item.source.name,
      date: (item.publishedAt ?? item.fetchedAt).slice(0, 10),
    };
    const tctx = { ...ctx, db: tx };
    const advisory =
      use === "advisory-draft" ? await draftAdvisoryFromNews(tctx, news) : await addNewsToWeeklyLetter(tctx, news);
    if (!(await setItemUse(tx, id, use, ctx.actor.userId, ctx.clock.now()))) throw missing();
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "osint.item_used",
      target: { type: "osint_item", id },
      diff: { title: before.title, source: before.source_name, for: use, advisory: advisory.trackingId },
      ip: ctx.ip ?? null,
    });
    const row = await selectItem(tx, id);
    if (!row) throw missing();
    return { ...presentItem(row), advisory: { id: advisory.id, trackingId: advisory.trackingId } };
  });
}
