import type { Db } from "../../platform/db/connect.js";
import { AppError } from "../../platform/errors.js";
import {
  addLoginFailure,
  clearLoginThrottle,
  countRecentLoginFailures,
  findLoginThrottle,
  setLoginLock,
} from "./credentials-store.js";

// Failures are counted per (e-mail as typed, client address). After FREE_FAILURES wrong tries from
// one client, that client is locked out of that e-mail, twice as long each further failure. Other
// clients are not refused: when the e-mail is being tried from many places they are slowed down
// (SLOW_AFTER), so someone guessing cannot keep the account's owner out.
const FREE_FAILURES = 5;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
// A quiet hour forgives earlier failures.
const FORGET_AFTER_MS = 60 * 60_000;
const SLOW_AFTER = 10;
const SLOW_STEP_MS = 100;
const MAX_SLOW_MS = 3_000;

/** The client key: the address the request came from (the same bucket for all when unknown). */
export function clientKey(ip: string | null | undefined): string {
  return ip ?? "unknown";
}

/**
 * Throws 429 `login_locked` (with Retry-After) while this client is locked out of the e-mail (the
 * same for unknown e-mails). Otherwise returns how long to hold the answer back, in ms: 0 unless
 * the e-mail has failed often lately from anywhere.
 */
export async function checkLoginThrottle(db: Db, email: string, client: string, now: Date): Promise<number> {
  const row = await findLoginThrottle(db, email, client);
  if (row?.locked_until && row.locked_until > now) {
    const seconds = Math.max(1, Math.ceil((row.locked_until.getTime() - now.getTime()) / 1000));
    throw new AppError("login_locked", "rate_limited", "Too many failed sign-ins; try again later", {
      retryAfterSeconds: seconds,
    });
  }
  const recent = await countRecentLoginFailures(db, email, new Date(now.getTime() - FORGET_AFTER_MS));
  return slowDownMs(recent);
}

/** The lock after `failures` consecutive failures from one client, in ms (0 = none). */
export function lockDurationMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(FIRST_LOCK_MS * 2 ** (failures - FREE_FAILURES), MAX_LOCK_MS);
}

/** How long every attempt on an e-mail waits after `failures` recent failures from all clients. */
export function slowDownMs(failures: number): number {
  if (failures < SLOW_AFTER) return 0;
  return Math.min((failures - SLOW_AFTER + 1) * SLOW_STEP_MS, MAX_SLOW_MS);
}

/** Counts one more failure for (e-mail, client) and locks that pair once past the free tries. */
export async function recordLoginFailure(db: Db, email: string, client: string, now: Date): Promise<void> {
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS);
  const failures = await addLoginFailure(db, { email, client, at: now, forgetBefore });
  const lock = lockDurationMs(failures);
  if (lock > 0) await setLoginLock(db, email, client, new Date(now.getTime() + lock));
}

/** Forgets this client's failures for the e-mail after it signed in. */
export function forgetLoginFailures(db: Db, email: string, client: string): Promise<void> {
  return clearLoginThrottle(db, email, client);
}

// Failures that prove "the person at this session is not the account's owner": a wrong current
// password or TOTP code where a signed-in form asks for one again.
const PROOF_FAILURES = new Set(["current_password_wrong", "totp_invalid"]);

/**
 * Runs a check of the signed-in person's password or code under the sign-in throttle of their e-mail
 * and address, so a session left open (or taken) cannot be used to guess the password at full speed:
 * wrong proofs count as failed sign-ins (committed, whatever the caller's transaction does) and lock
 * the same way; a locked pair gets 429 `login_locked` before the password is checked.
 */
export async function throttledProof<T>(
  db: Db,
  who: { email: string; ip: string | null | undefined; now: Date },
  check: () => Promise<T>,
): Promise<T> {
  const client = clientKey(who.ip);
  const holdBackMs = await checkLoginThrottle(db, who.email, client, who.now);
  if (holdBackMs > 0) await new Promise((resolve) => setTimeout(resolve, holdBackMs));
  try {
    return await check();
  } catch (err) {
    if (err instanceof AppError && PROOF_FAILURES.has(err.code)) {
      await recordLoginFailure(db, who.email, client, who.now);
    }
    throw err;
  }
}
