import QRCode from "qrcode";
import type { RecoveryCodes, TotpDisable, TotpEnrolment } from "../../../contract/accounts.js";
import { appendAudit } from "../../platform/audit.js";
import { verifyPassword } from "../../platform/auth/password.js";
import type { SecretBox } from "../../platform/auth/secret-box.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError, conflict } from "../../platform/errors.js";
import { replaceRecoveryCodes } from "./credentials-store.js";
import { throttledProof } from "./login-throttle.js";
import { ownUserId } from "./policy.js";
import { readRequireTotp } from "./security-settings.js";
import { lockUserById, updateUser } from "./store.js";
import { matchTotp, newRecoveryCodes, newTotpSecret, recoveryCodeHash, totpUri } from "./totp-codes.js";
import { openTotpSecret, sealTotpSecret } from "./totp-secret.js";

const gone = () => new AppError("unauthenticated", "unauthenticated", "Sign in first");

/** Starts TOTP enrolment: a new secret, pending until a code from it is confirmed. */
export async function enrolTotp(ctx: ServiceContext, box: SecretBox): Promise<TotpEnrolment> {
  const userId = ownUserId(ctx.actor);
  const secret = newTotpSecret();
  const email = await ctx.db.transaction().execute(async (tx) => {
    const user = await lockUserById(tx, userId);
    if (!user) throw gone();
    if (user.totp_enabled_at) throw conflict("totp_already_enabled", "TOTP is already enabled; disable it first");
    // A pending secret is not a credential yet; replacing it needs no audit entry.
    const sealed = sealTotpSecret(box, userId, secret);
    await updateUser(tx, userId, { totp_secret: sealed, totp_last_step: null }, ctx.clock.now());
    return user.email;
  });
  const otpauthUrl = totpUri(email, secret);
  const qrDataUrl = await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: "M", margin: 1, width: 240 });
  return { secret, otpauthUrl, qrDataUrl };
}

/** Confirms enrolment with a code from the app; returns 10 single-use recovery codes, shown once. */
export async function confirmTotp(ctx: ServiceContext, code: string, box: SecretBox): Promise<RecoveryCodes> {
  const userId = ownUserId(ctx.actor);
  const codes = newRecoveryCodes();
  await ctx.db.transaction().execute(async (tx) => {
    const user = await lockUserById(tx, userId);
    if (!user) throw gone();
    if (user.totp_enabled_at) throw conflict("totp_already_enabled", "TOTP is already enabled");
    if (!user.totp_secret) throw conflict("totp_not_enrolling", "Start the enrolment first");
    const now = ctx.clock.now();
    const step = await matchTotp(openTotpSecret(box, userId, user.totp_secret), code, now, null);
    if (step === null) {
      throw new AppError("totp_invalid", "invalid", "Wrong code", {
        errors: [{ path: "body.code", message: "wrong code", code: "wrong_code" }],
      });
    }
    await updateUser(tx, userId, { totp_enabled_at: now, totp_last_step: step }, now);
    await replaceRecoveryCodes(tx, userId, codes.map(recoveryCodeHash));
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "totp.enabled",
      target: { type: "user", id: userId },
      ip: ctx.ip,
    });
  });
  return { recoveryCodes: codes };
}

/**
 * Turns the caller's TOTP off (refused while the admin requires 2FA for all staff). The person
 * proves they are there with a current code or their password, so a session left open (or taken)
 * is not enough to strip the second factor.
 */
export async function disableTotp(ctx: ServiceContext, proof: TotpDisable, box: SecretBox): Promise<void> {
  const userId = ownUserId(ctx.actor);
  if (await readRequireTotp(ctx.db)) {
    throw conflict("totp_required_by_policy", "Two-factor sign-in is required for all staff");
  }
  const email = ctx.actor.kind === "user" ? ctx.actor.email : "";
  const who = { email, ip: ctx.ip, now: ctx.clock.now() };
  await throttledProof(ctx.db, who, () => disableInTransaction(ctx, userId, proof, box));
}

async function disableInTransaction(
  ctx: ServiceContext,
  userId: string,
  proof: TotpDisable,
  box: SecretBox,
): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const user = await lockUserById(tx, userId);
    if (!user) throw gone();
    const wasEnabled = user.totp_enabled_at !== null;
    // A pending enrolment is not a credential yet: abandoning it needs no proof.
    if (wasEnabled && user.totp_secret) await assertPresent(user, proof, box, ctx.clock.now());
    await updateUser(tx, userId, { totp_secret: null, totp_enabled_at: null, totp_last_step: null }, ctx.clock.now());
    await replaceRecoveryCodes(tx, userId, []);
    if (wasEnabled) {
      await appendAudit(tx, ctx.clock, {
        actor: ctx.actor,
        action: "totp.disabled",
        target: { type: "user", id: userId },
        diff: { proof: proof.code !== undefined ? "totp" : "password" },
        ip: ctx.ip,
      });
    }
  });
}

async function assertPresent(
  user: { id: string; password_hash: string | null; totp_secret: string | null; totp_last_step: number | null },
  proof: TotpDisable,
  box: SecretBox,
  now: Date,
): Promise<void> {
  if (proof.code !== undefined && user.totp_secret) {
    const secret = openTotpSecret(box, user.id, user.totp_secret);
    if ((await matchTotp(secret, proof.code, now, user.totp_last_step)) !== null) return;
    throw new AppError("totp_invalid", "invalid", "Wrong code", {
      errors: [{ path: "body.code", message: "wrong code", code: "wrong_code" }],
    });
  }
  if (proof.password !== undefined && (await verifyPassword(user.password_hash, proof.password))) return;
  throw new AppError("current_password_wrong", "invalid", "The current password is wrong", {
    errors: [{ path: "body.password", message: "wrong password", code: "wrong_password" }],
  });
}
