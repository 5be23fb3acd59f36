import { createHash } from "node:crypto";
import type { SubscriptionRequest } from "../../../contract/mailing-lists.js";
import { mailSignature } from "../../platform/cert-contact.js";
import { AppError, invalid } from "../../platform/errors.js";
import { clientKey } from "../../platform/http/client-address.js";
import type { SharedCounter } from "../../platform/http/shared-counter.js";
import { queueMail } from "../../platform/mail/index.js";
import { auditList } from "./audit.js";
import { confirmationMail, listLinks, maskAddress, newListToken } from "./list-mail.js";
import { insertToken, selectLists } from "./lists-store.js";
import { CONFIRM_LINK_MS, type ListsContext } from "./types.js";

const HOUR_MS = 3_600_000;
/** Opt-in mails one address receives per hour, whoever asks: nobody can flood a stranger's inbox. */
const MAILS_PER_ADDRESS_HOUR = 3;

/**
 * A public subscription request (double opt-in): a confirmation link is mailed, and nothing else changes
 * until its page is POSTed. The answer is the same for a new, a pending and an already subscribed
 * address, and past the per-address limit the request is dropped silently (still 202): neither the
 * answer nor its timing says what is known. Past the per-client-address limit: 429.
 */
export async function requestSubscription(
  ctx: ListsContext & { counter: SharedCounter },
  input: SubscriptionRequest,
): Promise<void> {
  const lists = await selectLists(ctx.db);
  const wanted = [...new Set(input.lists)];
  const errors = input.lists.flatMap((id, i) =>
    lists.some((l) => l.id === id && l.public)
      ? []
      : [{ path: `body.lists.${i}`, message: "not a list one may subscribe to", code: "unknown_value" as const }],
  );
  if (errors.length > 0) throw invalid("validation_failed", "Some fields are invalid", errors);

  const perHour = ctx.config.listSubscribePerHour;
  if (perHour > 0 && ctx.ip) {
    const { total, resetMs } = await ctx.counter.add(`list-subscribe:${clientKey(ctx.ip)}`, HOUR_MS, 1);
    if (total > perHour)
      throw new AppError("subscription_rate_limited", "rate_limited", "Too many subscription requests", {
        retryAfterSeconds: Math.max(1, Math.ceil(resetMs / 1000)),
      });
  }
  const email = input.email.toLowerCase();
  const addressKey = createHash("sha256").update(email).digest("hex");
  const { total } = await ctx.counter.add(`list-subscribe-address:${addressKey}`, HOUR_MS, 1);
  if (total > MAILS_PER_ADDRESS_HOUR) return;

  const { token, hash } = newListToken();
  const now = ctx.clock.now();
  const names = wanted.map((id) => {
    const list = lists.find((l) => l.id === id);
    return input.language === "sv" ? (list?.name_sv ?? id) : (list?.name_en ?? id);
  });
  const mail = confirmationMail({
    language: input.language,
    listNames: names,
    url: listLinks(ctx.config.publicUrl, token).confirm,
    signature: mailSignature(ctx.config.cert, input.language),
  });
  await ctx.db.transaction().execute(async (tx) => {
    await insertToken(tx, {
      hash,
      purpose: "confirm",
      email,
      language: input.language,
      listId: null,
      lists: wanted,
      at: now,
      expiresAt: new Date(now.getTime() + CONFIRM_LINK_MS),
    });
    await queueMail(tx, ctx.clock, { to: email, subject: mail.subject, text: mail.text });
    await auditList(ctx, tx, "lists.subscription_requested", null, {
      lists: wanted,
      address: maskAddress(email),
      language: input.language,
    });
  });
}
