import { systemActor } from "../../platform/auth/actor.js";
import type { AppDeps } from "../../platform/deps.js";
import { AppError } from "../../platform/errors.js";
import type { Logger } from "../../platform/log.js";
import { domainOf, tokenOfUnsubscribeAddress } from "./list-mail.js";
import { unsubscribe } from "./manage-subscription.js";

// The mailto: way out of a list (RFC 2369 List-Unsubscribe): a mail to unsubscribe+<token>@<our domain>,
// received by the inbound SMTP listener, unsubscribes exactly as the https link's POST does. The token
// is the whole proof — the same one the link carries — so the message itself is never read.

type Deps = Pick<AppDeps, "db" | "clock" | "config"> & { logger: Logger };

/**
 * The inbound SMTP listener's route to the lists: the taker of a mail to an unsubscribe address, or null
 * when no recipient is one. An unknown or spent token is logged and the mail accepted (a bounce would
 * tell a stranger which tokens exist).
 */
export function listUnsubscribeRoute(deps: Deps) {
  const mailDomain = domainOf(deps.config.mailFrom);
  return async (recipients: readonly string[]): Promise<((raw: Buffer) => Promise<unknown>) | null> => {
    const tokens = recipients.flatMap((r) => tokenOfUnsubscribeAddress(r, mailDomain) ?? []);
    if (tokens.length === 0) return null;
    return async () => {
      const ctx = { db: deps.db, clock: deps.clock, config: deps.config, actor: systemActor("list-unsubscribe-mail") };
      for (const token of tokens) {
        try {
          await unsubscribe(ctx, token);
        } catch (err) {
          if (!(err instanceof AppError && err.code === "list_link_invalid")) throw err;
          deps.logger.info("an unsubscribe mail with an unknown or spent token");
        }
      }
      return { unsubscribed: tokens.length };
    };
  };
}
