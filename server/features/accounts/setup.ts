import type { SetupBody, SetupDone } from "../../../contract/accounts.js";
import { appendAudit } from "../../platform/audit.js";
import type { SecretBox } from "../../platform/auth/secret-box.js";
import { randomSecret, sameSecret, sha256Hex } from "../../platform/auth/secrets.js";
import type { ServiceContext } from "../../platform/deps.js";
import type { Logger } from "../../platform/log.js";
import { AppError, conflict } from "../../platform/errors.js";
import { insertStaffUser } from "./create-user.js";
import {
  SETUP_TOKEN_SETTING,
  StoredSetupToken,
  clearSetupToken,
  openSetupToken,
  readSetupToken,
  sealSetupToken,
} from "./setup-token.js";
import { countUsers, takeSetting, writeSetting } from "./store.js";

/** How long a setup link is valid (a restart, or `fyr setup-link` after expiry, makes a new one). */
export const SETUP_TOKEN_TTL_MS = 24 * 3_600_000;

/** True while no user exists, so the console offers the setup page. */
export async function setupNeeded(ctx: Pick<ServiceContext, "db">): Promise<boolean> {
  return (await countUsers(ctx.db)) === 0;
}

/**
 * At start, with no user yet: makes a new one-time setup token (valid for `ttlMs`; its hash is what
 * setup checks, and it is kept sealed for `fyr setup-link`) and returns it for the printed link;
 * null when users exist (and a leftover token is removed).
 */
export async function issueSetupToken(ctx: ServiceContext, ttlMs: number, box: SecretBox): Promise<string | null> {
  if (!(await setupNeeded(ctx))) {
    await clearSetupToken(ctx.db);
    return null;
  }
  const token = randomSecret(32);
  const expiresAt = new Date(ctx.clock.now().getTime() + ttlMs);
  await ctx.db.transaction().execute(async (tx) => {
    const stored: StoredSetupToken = {
      hash: sha256Hex(token),
      expiresAt: expiresAt.toISOString(),
      sealed: sealSetupToken(box, token),
    };
    await writeSetting(tx, SETUP_TOKEN_SETTING, stored, ctx.clock.now());
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "setup.token_issued",
      diff: { expiresAt },
      ip: ctx.ip,
    });
  });
  return token;
}

/**
 * At start: with no user yet, a new setup link goes to the terminal (`terminal`, plain, once) and
 * the log only says where to find it: the link is a credential, and JSON logs are shipped and kept.
 */
export async function announceSetupLink(
  ctx: ServiceContext,
  options: { box: SecretBox; publicUrl: string; logger: Pick<Logger, "info">; terminal: (line: string) => void },
): Promise<boolean> {
  const token = await issueSetupToken(ctx, SETUP_TOKEN_TTL_MS, options.box);
  if (!token) return false;
  options.logger.info("no user yet: the setup link is on the terminal (again with `fyr setup-link`)");
  options.terminal(`Create the first administrator: ${options.publicUrl}/console/setup#${token}`);
  return true;
}

/**
 * The setup token for `fyr setup-link`: the stored one while it is valid, else (still no user) a
 * new one valid for `ttlMs`; null once users exist.
 */
export async function currentSetupToken(ctx: ServiceContext, ttlMs: number, box: SecretBox): Promise<string | null> {
  if (!(await setupNeeded(ctx))) return null;
  const stored = await readSetupToken(ctx.db);
  if (stored?.sealed && new Date(stored.expiresAt) > ctx.clock.now()) return openSetupToken(box, stored.sealed);
  return issueSetupToken(ctx, ttlMs, box);
}

/**
 * Creates the first admin with the one-time setup token; the token is used up. One transaction
 * that takes the token out first, so two browsers racing with the same link cannot both make an
 * admin: the second waits on the token's row, then finds it gone (or the first admin there).
 */
export async function completeSetup(ctx: ServiceContext, input: SetupBody): Promise<SetupDone> {
  if (!(await setupNeeded(ctx))) throw conflict("setup_done", "Setup is already done");
  return ctx.db.transaction().execute(async (tx) => {
    const stored = StoredSetupToken.safeParse(await takeSetting(tx, SETUP_TOKEN_SETTING));
    if (!(await setupNeeded({ db: tx }))) throw conflict("setup_done", "Setup is already done");
    const valid =
      stored.success &&
      new Date(stored.data.expiresAt) > ctx.clock.now() &&
      sameSecret(sha256Hex(input.token), stored.data.hash);
    // Throwing rolls the take back: a mistyped link leaves the real one usable.
    if (!valid) throw new AppError("setup_token_invalid", "forbidden", "The setup link is wrong, used or expired");
    const user = await insertStaffUser(
      { ...ctx, db: tx },
      { email: input.email, name: input.name, roles: ["admin"], password: input.password },
      "body.password",
    );
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "setup.completed",
      target: { type: "user", id: user.id },
      diff: { email: user.email },
      ip: ctx.ip,
    });
    return { email: user.email };
  });
}
