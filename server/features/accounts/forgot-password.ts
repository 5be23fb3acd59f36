import { setTimeout as sleep } from "node:timers/promises";
import type { PasswordForgot } from "../../../contract/accounts.js";
import { kindsServed } from "../../platform/auth/authenticate.js";
import type { Config } from "../../platform/config.js";
import type { ServiceContext } from "../../platform/deps.js";
import { type LinkConfig, issueAccountLink } from "./account-links.js";
import { recentResetLinks } from "./account-link-store.js";
import { findUserByEmail, lockUserById } from "./store.js";

// "Forgot your password?" on the sign-in page (console and member area): the person types their
// address and, if it belongs to an account that signs in here, that account is mailed a reset link
// (one-time, an hour, only its hash stored; see account-links.ts). The answer is the same whether or
// not the address exists, and takes at least ANSWER_FLOOR_MS so its timing does not tell either.
// Using the link ends every session; the second factor is asked for at the next sign-in as always.

/** No more than this many self-requested (or admin) reset links per account and hour... */
export const RESETS_PER_HOUR = 3;
/** ...and none within this long of the account's last link, so a double click sends one mail. */
export const RESET_COOLDOWN_MS = 60_000;
const HOUR = 3_600_000;
/** The slowest path (a transaction and a queued mail) fits well within it on a loaded machine. */
export const ANSWER_FLOOR_MS = 300;

export type ForgotConfig = LinkConfig & Pick<Config, "roles">;

/** Mails a reset link when the address is an active account of a kind this process signs in; else nothing. */
export async function requestPasswordReset(
  ctx: ServiceContext,
  config: ForgotConfig,
  input: PasswordForgot,
): Promise<void> {
  const started = Date.now();
  try {
    await issueIfAllowed(ctx, config, input.email);
  } finally {
    const left = ANSWER_FLOOR_MS - (Date.now() - started);
    if (left > 0) await sleep(left);
  }
}

async function issueIfAllowed(ctx: ServiceContext, config: ForgotConfig, email: string): Promise<void> {
  const found = await findUserByEmail(ctx.db, email);
  // An invited person has no password to forget: their invitation is resent by staff. A staff
  // address typed on the member area gets nothing, so the Internet-facing side cannot mail staff.
  if (!found || found.disabled_at !== null || found.password_hash === null) return;
  if (!kindsServed(config.roles).includes(found.kind)) return;
  await ctx.db.transaction().execute(async (tx) => {
    const user = await lockUserById(tx, found.id);
    if (!user || user.disabled_at !== null || user.password_hash === null) return;
    const now = ctx.clock.now();
    const recent = await recentResetLinks(tx, user.id, new Date(now.getTime() - HOUR));
    if (recent.resets >= RESETS_PER_HOUR) return;
    if (recent.newest && now.getTime() - recent.newest.getTime() < RESET_COOLDOWN_MS) return;
    await issueAccountLink(tx, ctx, config, user, "reset", { requested: true });
  });
}
