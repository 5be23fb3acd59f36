import { setTimeout as sleep } from "node:timers/promises";
import type { LoginBody, Me } from "../../../contract/accounts.js";
import type { Actor } from "../../platform/auth/actor.js";
import { anonymous } from "../../platform/auth/actor.js";
import { verifyPassword } from "../../platform/auth/password.js";
import type { SecretBox } from "../../platform/auth/secret-box.js";
import { randomSecret, sha256Hex } from "../../platform/auth/secrets.js";
import { appendAudit } from "../../platform/audit.js";
import type { Config } from "../../platform/config.js";
import { kindsServed } from "../../platform/auth/authenticate.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError } from "../../platform/errors.js";
import { consumeRecoveryCode, insertSession } from "./credentials-store.js";
import { checkLoginThrottle, clientKey, forgetLoginFailures, recordLoginFailure } from "./login-throttle.js";
import { meFromRow } from "./present.js";
import { readRequireTotp } from "./security-settings.js";
import { type UserRow, findUserByEmail, updateUser } from "./store.js";
import { looksLikeRecoveryCode, matchTotp, recoveryCodeHash } from "./totp-codes.js";
import { openTotpSecret } from "./totp-secret.js";

export interface LoginResult {
  me: Me;
  /** The new session id for the cookie (only its hash is stored). */
  sessionId: string;
  expiresAt: Date;
}

type Failure = "invalid_credentials" | "totp_invalid";

const MESSAGES: Record<Failure, string> = {
  invalid_credentials: "Wrong e-mail or password",
  totp_invalid: "Wrong code",
};

/**
 * Signs a user in with e-mail, password and (when enrolled) a TOTP or recovery code, and starts a new
 * session. Unknown and disabled accounts cost the same time and get the same answer. A user of a kind
 * this process does not sign in (`kinds`) hears so only after the right password — staff on the member
 * area get 403 staff_sign_in_refused, so they know to use the staff network — and is never signed in.
 */
export async function login(
  ctx: ServiceContext,
  config: Pick<Config, "sessionAbsoluteMs" | "roles">,
  input: LoginBody,
  userAgent: string | null,
  box: SecretBox,
): Promise<LoginResult> {
  const kinds = kindsServed(config.roles);
  const now = ctx.clock.now();
  const client = clientKey(ctx.ip);
  let holdBackMs: number;
  try {
    holdBackMs = await checkLoginThrottle(ctx.db, input.email, client, now);
  } catch (err) {
    await auditFailure(ctx, input.email, null, "locked");
    throw err;
  }
  // The e-mail is being tried from many places: slow everyone down, refuse no one.
  if (holdBackMs > 0) await sleep(holdBackMs);
  const found = await findUserByEmail(ctx.db, input.email);
  const user = found && found.disabled_at === null ? found : undefined;
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !passwordOk) return fail(ctx, input.email, user?.id ?? null, "invalid_credentials");
  if (!kinds.includes(user.kind)) {
    await auditFailure(ctx, input.email, user.id, `${user.kind}_not_signed_in_here`);
    if (user.kind === "staff") {
      throw new AppError("staff_sign_in_refused", "forbidden", "Staff sign in on the staff network, not here");
    }
    return fail(ctx, input.email, user.id, "invalid_credentials");
  }

  let totpStep: number | null = null;
  let recoveryHash: string | null = null;
  if (user.totp_enabled_at && user.totp_secret) {
    if (!input.totp) throw new AppError("totp_required", "unauthenticated", "Enter the code from your authenticator");
    if (looksLikeRecoveryCode(input.totp)) recoveryHash = recoveryCodeHash(input.totp);
    else {
      const secret = openTotpSecret(box, user.id, user.totp_secret);
      totpStep = await matchTotp(secret, input.totp, now, user.totp_last_step);
      if (totpStep === null) return fail(ctx, input.email, user.id, "totp_invalid");
    }
  }
  const actor: Actor = {
    kind: "user",
    userId: user.id,
    email: user.email,
    name: user.name,
    userKind: user.kind,
    organisationId: user.organisation_id,
    roles: user.roles as Extract<Actor, { kind: "user" }>["roles"],
    via: "session",
    tokenId: null,
  };
  const sessionId = randomSecret(32);
  const csrfToken = randomSecret(32);
  const expiresAt = new Date(now.getTime() + config.sessionAbsoluteMs);
  const outcome = await ctx.db.transaction().execute(async (tx) => {
    if (recoveryHash !== null) {
      if (!(await consumeRecoveryCode(tx, user.id, recoveryHash, now))) return "totp_invalid" as const;
      await appendAudit(tx, ctx.clock, { actor, action: "recovery_code.used", target: target(user), ip: ctx.ip });
    }
    const after = await updateUser(
      tx,
      user.id,
      { last_login_at: now, ...(totpStep !== null ? { totp_last_step: totpStep } : {}) },
      now,
    );
    await forgetLoginFailures(tx, input.email, client);
    await insertSession(tx, {
      idHash: sha256Hex(sessionId),
      userId: user.id,
      csrfToken,
      at: now,
      expiresAt,
      ip: ctx.ip ?? null,
      userAgent,
    });
    await appendAudit(tx, ctx.clock, { actor, action: "login.succeeded", target: target(user), ip: ctx.ip });
    return after;
  });
  if (outcome === "totp_invalid") return fail(ctx, input.email, user.id, "totp_invalid");
  return { me: meFromRow(outcome, csrfToken, await readRequireTotp(ctx.db)), sessionId, expiresAt };
}

function target(user: UserRow) {
  return { type: "user", id: user.id };
}

async function fail(ctx: ServiceContext, email: string, userId: string | null, reason: Failure): Promise<never> {
  await ctx.db.transaction().execute(async (tx) => {
    await recordLoginFailure(tx, email, clientKey(ctx.ip), ctx.clock.now());
    await writeFailureAudit(ctx, tx, email, userId, reason);
  });
  throw new AppError(reason, "unauthenticated", MESSAGES[reason]);
}

async function auditFailure(ctx: ServiceContext, email: string, userId: string | null, reason: string): Promise<void> {
  await writeFailureAudit(ctx, ctx.db, email, userId, reason);
}

async function writeFailureAudit(
  ctx: ServiceContext,
  db: ServiceContext["db"],
  email: string,
  userId: string | null,
  reason: string,
): Promise<void> {
  // The e-mail as typed, never the password; the target only when the account exists.
  await appendAudit(db, ctx.clock, {
    actor: anonymous,
    action: "login.failed",
    ...(userId ? { target: { type: "user", id: userId } } : {}),
    diff: { email, reason },
    ip: ctx.ip,
  });
}
