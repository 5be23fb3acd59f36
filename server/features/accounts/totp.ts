import QRCode from "qrcode";
import type { RecoveryCodes, TotpEnrolment } from "../../../contract/accounts.js";
import { appendAudit } from "../../platform/audit.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError, conflict } from "../../platform/errors.js";
import { replaceRecoveryCodes } from "./credentials-store.js";
import { ownUserId } from "./policy.js";
import { readRequireTotp } from "./security-settings.js";
import { lockUserById, updateUser } from "./store.js";
import { matchTotp, newRecoveryCodes, newTotpSecret, recoveryCodeHash, totpUri } from "./totp-codes.js";

const gone = () => new AppError("unauthenticated", "unauthenticated", "Sign in first");

/** Starts TOTP enrolment: a new secret, pending until a code from it is confirmed. */
export async function enrolTotp(ctx: ServiceContext): Promise<TotpEnrolment> {
  const userId = ownUserId(ctx.actor);
  const secret = newTotpSecret();
  const email = await ctx.db.transaction().execute(async (tx) => {
    const user = await lockUserById(tx, userId);
    if (!user) throw gone();
    if (user.totp_enabled_at) throw conflict("totp_already_enabled", "TOTP is already enabled; disable it first");
    // A pending secret is not a credential yet; replacing it needs no audit entry.
    await updateUser(tx, userId, { totp_secret: secret, totp_last_step: null }, ctx.clock.now());
    return user.email;
  });
  const otpauthUrl = totpUri(email, secret);
  const qrDataUrl = await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: "M", margin: 1, width: 240 });
  return { secret, otpauthUrl, qrDataUrl };
}

/** Confirms enrolment with a code from the app; returns 10 single-use recovery codes, shown once. */
export async function confirmTotp(ctx: ServiceContext, code: string): Promise<RecoveryCodes> {
  const userId = ownUserId(ctx.actor);
  const codes = newRecoveryCodes();
  await ctx.db.transaction().execute(async (tx) => {
    const user = await lockUserById(tx, userId);
    if (!user) throw gone();
    if (user.totp_enabled_at) throw conflict("totp_already_enabled", "TOTP is already enabled");
    if (!user.totp_secret) throw conflict("totp_not_enrolling", "Start the enrolment first");
    const now = ctx.clock.now();
    const step = await matchTotp(user.totp_secret, code, now, null);
    if (step === null) {
      throw new AppError("totp_invalid", "invalid", "Wrong code", {
        errors: [{ path: "body.code", message: "wrong code" }],
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

/** Turns the caller's TOTP off (refused while the admin requires 2FA for all staff). */
export async function disableTotp(ctx: ServiceContext): Promise<void> {
  const userId = ownUserId(ctx.actor);
  if (await readRequireTotp(ctx.db)) {
    throw conflict("totp_required_by_policy", "Two-factor sign-in is required for all staff");
  }
  await ctx.db.transaction().execute(async (tx) => {
    const user = await lockUserById(tx, userId);
    if (!user) throw gone();
    const wasEnabled = user.totp_enabled_at !== null;
    await updateUser(tx, userId, { totp_secret: null, totp_enabled_at: null, totp_last_step: null }, ctx.clock.now());
    await replaceRecoveryCodes(tx, userId, []);
    if (wasEnabled) {
      await appendAudit(tx, ctx.clock, {
        actor: ctx.actor,
        action: "totp.disabled",
        target: { type: "user", id: userId },
        ip: ctx.ip,
      });
    }
  });
}
