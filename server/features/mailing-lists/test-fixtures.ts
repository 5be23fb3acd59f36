import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { TestApp } from "../../../test/support/app.js";
import { randomClientAddress } from "../../../test/support/auth.js";
import { systemActor } from "../../platform/auth/actor.js";
import type { ServiceContext } from "../../platform/deps.js";
import type { ListLanguage } from "../../../contract/mailing-lists.js";
import { joinLists, upsertSubscriber } from "./lists-store.js";

// Test data for the lists: addresses of their own, confirmed subscribers written straight in (for
// campaigns of many), and the whole public opt-in through HTTP (for the flow itself).

export const system = (app: TestApp): ServiceContext => ({
  db: app.fyr.deps.db,
  clock: app.clock,
  actor: systemActor("test"),
});

export const uniqueAddress = (tag = "sub") => `${tag}-${randomBytes(5).toString("hex")}@example.test`;

/** `n` confirmed subscribers of `list`, in `language`; answers their addresses. */
export async function confirmedSubscribers(app: TestApp, list: string, n: number, language: ListLanguage = "sv") {
  const emails: string[] = [];
  const now = app.clock.now();
  for (let i = 0; i < n; i++) {
    const email = uniqueAddress(`s${i}`);
    const id = await upsertSubscriber(app.fyr.deps.db, email, language, now);
    await joinLists(app.fyr.deps.db, id, email, [list], now);
    emails.push(email);
  }
  return emails;
}

/** The newest outbox message to this address. */
export async function lastMailTo(app: TestApp, email: string) {
  return app.fyr.deps.db
    .selectFrom("mail_messages")
    .selectAll()
    .where(sql<boolean>`recipients @> array[${email}]::text[]`)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** How many outbox messages went to this address. */
export async function mailsTo(app: TestApp, email: string): Promise<number> {
  const rows = await app.fyr.deps.db
    .selectFrom("mail_messages")
    .select("id")
    .where(sql<boolean>`recipients @> array[${email}]::text[]`)
    .execute();
  return rows.length;
}

/** The token of the first link of `kind` in a text. */
export function linkToken(text: string, kind: "confirm" | "unsubscribe" | "preferences"): string {
  const m = new RegExp(`/lists/${kind}/([A-Za-z0-9_-]{43})`).exec(text);
  if (!m?.[1]) throw new Error(`no ${kind} link in: ${text}`);
  return m[1];
}

/** POST /api/public/v1/subscriptions from an address of its own. */
export async function requestSubscription(
  app: TestApp,
  body: { email: string; lists: string[]; language?: ListLanguage },
  remoteAddress = randomClientAddress(),
) {
  return app.fyr.http.inject({ method: "POST", url: "/api/public/v1/subscriptions", payload: body, remoteAddress });
}

/** The whole opt-in: request, read the mailed link, POST its page. */
export async function subscribeAndConfirm(app: TestApp, email: string, lists: string[], language: ListLanguage = "sv") {
  const res = await requestSubscription(app, { email, lists, language });
  if (res.statusCode !== 202) throw new Error(`subscription refused: ${res.statusCode} ${res.body}`);
  const mail = await lastMailTo(app, email);
  if (!mail) throw new Error("no confirmation mail");
  const token = linkToken(mail.text_body, "confirm");
  const confirmed = await app.fyr.http.inject({ method: "POST", url: `/lists/confirm/${token}` });
  if (confirmed.statusCode !== 200) throw new Error(`confirmation failed: ${confirmed.statusCode}`);
}

/** A list of its own (lists are data), so a test's counts are its own. */
export async function makeList(app: TestApp, opts: { priority?: number } = {}): Promise<string> {
  const id = `t-${randomBytes(4).toString("hex")}`;
  await app.fyr.deps.db
    .insertInto("mailing_lists")
    .values({ id, name_sv: `Testlista ${id}`, name_en: `Test list ${id}`, priority: opts.priority ?? 100 })
    .execute();
  return id;
}
