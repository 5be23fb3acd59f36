import type { ListLanguage } from "../../../contract/mailing-lists.js";
import { notFound } from "../../platform/errors.js";
import { auditList } from "./audit.js";
import { hashListToken, looksLikeToken, maskAddress, newListToken } from "./list-mail.js";
import {
  type ListRow,
  type TokenRow,
  dropSubscriberWithoutLists,
  insertToken,
  joinLists,
  leaveLists,
  selectAddressLists,
  selectLists,
  selectLiveToken,
  selectSubscriberByEmail,
  setSubscriberLanguage,
  upsertSubscriber,
  useConfirmToken,
} from "./lists-store.js";
import { type ListsContext, MANAGE_LINK_MS } from "./types.js";

// What a subscriber does through the links in their mail, without a session: confirm (opt-in),
// unsubscribe (RFC 8058 one-click, or the page's button) and choose lists and language. GETs only
// describe; every change is a POST, so a mail scanner following links changes nothing.

const invalidLink = () => notFound("list_link_invalid", "The link is unknown, used or expired");

async function liveToken(ctx: ListsContext, token: string, purpose: TokenRow["purpose"]) {
  if (!looksLikeToken(token)) return undefined;
  return selectLiveToken(ctx.db, hashListToken(token), purpose, ctx.clock.now());
}

const nameIn = (list: ListRow | undefined, language: ListLanguage, id: string) =>
  list ? (language === "sv" ? list.name_sv : list.name_en) : id;

/** What a confirmation page shows, or null for a link unknown, used or expired. */
export async function describeConfirmation(ctx: ListsContext, token: string) {
  const row = await liveToken(ctx, token, "confirm");
  if (!row) return null;
  const lists = await selectLists(ctx.db);
  return {
    email: row.email,
    language: row.language,
    lists: row.lists.map((id) =>
      nameIn(
        lists.find((l) => l.id === id),
        row.language,
        id,
      ),
    ),
  };
}

/**
 * The opt-in: the link is used once; the address becomes a confirmed subscriber of the lists it asked
 * for, in the language it asked in. Answers a new preference link for the page to offer.
 */
export async function confirmSubscription(ctx: ListsContext, token: string) {
  if (!looksLikeToken(token)) throw invalidLink();
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const row = await useConfirmToken(tx, hashListToken(token), now);
    if (!row) throw invalidLink();
    const subscriberId = await upsertSubscriber(tx, row.email, row.language, now);
    await joinLists(tx, subscriberId, row.email, row.lists, now);
    const manage = newListToken();
    await insertToken(tx, {
      hash: manage.hash,
      purpose: "manage",
      email: row.email,
      language: row.language,
      listId: null,
      lists: [],
      at: now,
      expiresAt: new Date(now.getTime() + MANAGE_LINK_MS),
    });
    await auditList(ctx, tx, "lists.subscription_confirmed", null, {
      lists: row.lists,
      address: maskAddress(row.email),
    });
    return { language: row.language, manageToken: manage.token };
  });
}

/** What the unsubscribe page shows: the address and the list the mail came from (null: every list). */
export async function describeUnsubscribe(ctx: ListsContext, token: string) {
  const row = await liveToken(ctx, token, "manage");
  if (!row) return null;
  const list = row.list_id ? await selectLists(ctx.db).then((ls) => ls.find((l) => l.id === row.list_id)) : undefined;
  return {
    email: row.email,
    language: row.language,
    list: row.list_id ? nameIn(list, row.language, row.list_id) : null,
  };
}

/**
 * Unsubscribes the address of a list mail's link from that list (a link from the confirmation page:
 * from every list) — also when an organisation put it there: the opt-out keeps it off. Repeating it is
 * harmless (one-click clients may POST twice).
 */
export async function unsubscribe(ctx: ListsContext, token: string): Promise<{ language: ListLanguage }> {
  const row = await liveToken(ctx, token, "manage");
  if (!row) throw invalidLink();
  const now = ctx.clock.now();
  const all = (await selectLists(ctx.db)).map((l) => l.id);
  const lists = row.list_id ? [row.list_id] : all;
  await ctx.db.transaction().execute(async (tx) => {
    await leaveLists(tx, row.email, lists, now);
    await dropSubscriberWithoutLists(tx, row.email);
    await auditList(ctx, tx, "lists.unsubscribed", row.list_id, { lists, address: maskAddress(row.email) });
  });
  return { language: row.language };
}

export interface Preferences {
  email: string;
  language: ListLanguage;
  lists: { id: string; name: string; description: string; receiving: boolean }[];
}

/**
 * The preference page: every public list (and any other the address receives), ticked where the address
 * receives it. A list mail's own list counts as received unless opted out (an organisation may have put
 * the address there).
 */
export async function readPreferences(ctx: ListsContext, token: string): Promise<Preferences | null> {
  const row = await liveToken(ctx, token, "manage");
  if (!row) return null;
  const [lists, mine, subscriber] = await Promise.all([
    selectLists(ctx.db),
    selectAddressLists(ctx.db, row.email),
    selectSubscriberByEmail(ctx.db, row.email),
  ]);
  const language = subscriber?.language ?? row.language;
  const receiving = (id: string) => mine.member.includes(id) || (id === row.list_id && !mine.optedOut.includes(id));
  return {
    email: row.email,
    language,
    lists: lists
      .filter((l) => l.public || receiving(l.id))
      .map((l) => ({
        id: l.id,
        name: language === "sv" ? l.name_sv : l.name_en,
        description: language === "sv" ? l.description_sv : l.description_en,
        receiving: receiving(l.id),
      })),
  };
}

/** Saves the preference page: the ticked lists are joined, the others left; the language is kept. */
export async function savePreferences(
  ctx: ListsContext,
  token: string,
  choice: { lists: string[]; language: ListLanguage },
): Promise<Preferences> {
  const before = await readPreferences(ctx, token);
  if (!before) throw invalidLink();
  const now = ctx.clock.now();
  const shown = before.lists.map((l) => l.id);
  const join = shown.filter((id) => choice.lists.includes(id));
  const leave = before.lists.filter((l) => l.receiving && !choice.lists.includes(l.id)).map((l) => l.id);
  await ctx.db.transaction().execute(async (tx) => {
    if (join.length > 0) {
      const id = await upsertSubscriber(tx, before.email, choice.language, now);
      await joinLists(tx, id, before.email, join, now);
    } else await setSubscriberLanguage(tx, before.email, choice.language, now);
    await leaveLists(tx, before.email, leave, now);
    await dropSubscriberWithoutLists(tx, before.email);
    await auditList(ctx, tx, "lists.preferences_changed", null, {
      lists: join,
      left: leave,
      language: choice.language,
      address: maskAddress(before.email),
    });
  });
  const after = await readPreferences(ctx, token);
  if (!after) throw invalidLink();
  return after;
}
