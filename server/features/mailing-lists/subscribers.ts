import { z } from "zod";
import type { MailingList, PublicList, SubscriberList, SubscriberQuery } from "../../../contract/mailing-lists.js";
import type { ServiceContext } from "../../platform/deps.js";
import { notFound } from "../../platform/errors.js";
import { keyset, readKeysetPage } from "../../platform/keyset-page.js";
import { auditList } from "./audit.js";
import { maskAddress } from "./list-mail.js";
import {
  type ListRow,
  deleteMembership,
  dropSubscriberWithoutLists,
  selectList,
  selectListCounts,
  selectLists,
  selectSubscriberPage,
} from "./lists-store.js";
import { assertMayManageLists } from "./policy.js";

// The lists and their subscribers as staff see them. Addresses are personal data: shown to list managers
// only, kept while subscribed (a subscriber leaving their last list is deleted), masked in the audit trail.

const KEYS = keyset(z.object({ e: z.string() }).strict());

const presentPublic = (l: ListRow): PublicList => ({
  id: l.id,
  name: { sv: l.name_sv, en: l.name_en },
  description: { sv: l.description_sv, en: l.description_en },
});

/** The lists offered for public subscription (no counts: the public learns nothing of subscribers). */
export async function listPublicLists(ctx: Pick<ServiceContext, "db">): Promise<{ items: PublicList[] }> {
  return { items: (await selectLists(ctx.db)).filter((l) => l.public).map(presentPublic) };
}

/** Every list with its subscriber and organisation counts. */
export async function listMailingLists(ctx: ServiceContext): Promise<{ items: MailingList[] }> {
  assertMayManageLists(ctx.actor);
  const [lists, counts] = await Promise.all([selectLists(ctx.db), selectListCounts(ctx.db)]);
  return {
    items: lists.map((l) => ({
      ...presentPublic(l),
      public: l.public,
      subscribers: counts.get(l.id)?.subscribers ?? 0,
      organisations: counts.get(l.id)?.organisations ?? 0,
    })),
  };
}

export async function requireList(ctx: Pick<ServiceContext, "db">, id: string): Promise<ListRow> {
  const list = await selectList(ctx.db, id);
  if (!list) throw notFound("list_not_found", `No list ${id}`);
  return list;
}

/** A list's confirmed subscribers by address; `q` finds part of one. */
export async function listSubscribers(
  ctx: ServiceContext,
  listId: string,
  query: SubscriberQuery,
): Promise<SubscriberList> {
  assertMayManageLists(ctx.actor);
  await requireList(ctx, listId);
  const q = query.q?.trim().toLowerCase() || null;
  const { rows, nextCursor } = await readKeysetPage(
    query,
    KEYS,
    ({ after, limit }) => selectSubscriberPage(ctx.db, listId, q, after, limit),
    (r) => ({ e: r.email }),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      email: r.email,
      language: r.language,
      confirmedAt: r.confirmed_at.toISOString(),
      subscribedAt: r.created_at.toISOString(),
    })),
    nextCursor,
  };
}

/** Takes a subscriber off a list (they may subscribe again); one on no list is deleted. */
export async function removeSubscriber(ctx: ServiceContext, listId: string, subscriberId: string): Promise<void> {
  assertMayManageLists(ctx.actor);
  await requireList(ctx, listId);
  await ctx.db.transaction().execute(async (tx) => {
    const email = await deleteMembership(tx, listId, subscriberId);
    if (!email) throw notFound("list_subscriber_not_found", "No such subscriber on this list");
    await dropSubscriberWithoutLists(tx, email);
    await auditList({ ...ctx, db: tx }, tx, "lists.subscriber_removed", listId, { address: maskAddress(email) });
  });
}
