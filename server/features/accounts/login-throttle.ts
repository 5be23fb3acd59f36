import type { Db } from "../../platform/db/connect.js";
import { AppError } from "../../platform/errors.js";
import { clearLoginFailures, findLoginFailure, saveLoginFailure } from "./credentials-store.js";

// After FREE_FAILURES wrong tries for one e-mail, each further failure locks it for twice as long.
const FREE_FAILURES = 5;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
// A quiet hour forgives earlier failures.
const FORGET_AFTER_MS = 60 * 60_000;

/** Throws 429 `login_locked` (with Retry-After) while the e-mail is locked out; same for unknown e-mails. */
export async function assertLoginAllowed(db: Db, email: string, now: Date): Promise<void> {
  const row = await findLoginFailure(db, email);
  if (!row?.locked_until || row.locked_until <= now) return;
  const seconds = Math.max(1, Math.ceil((row.locked_until.getTime() - now.getTime()) / 1000));
  throw new AppError("login_locked", "rate_limited", "Too many failed sign-ins; try again later", {
    retryAfterSeconds: seconds,
  });
}

/** The lock after `failures` consecutive failures, in ms (0 = none). */
export function lockDurationMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(FIRST_LOCK_MS * 2 ** (failures - FREE_FAILURES), MAX_LOCK_MS);
}

/** Counts one more failure for the e-mail and locks it once past the free tries. */
export async function recordLoginFailure(db: Db, email: string, now: Date): Promise<void> {
  const row = await findLoginFailure(db, email);
  const recent = row && now.getTime() - row.last_failure_at.getTime() < FORGET_AFTER_MS;
  const failures = (recent ? row.failures : 0) + 1;
  const lock = lockDurationMs(failures);
  await saveLoginFailure(db, {
    email,
    failures,
    at: now,
    lockedUntil: lock > 0 ? new Date(now.getTime() + lock) : null,
  });
}

/** Forgets the failures after a successful sign-in. */
export function forgetLoginFailures(db: Db, email: string): Promise<void> {
  return clearLoginFailures(db, email);
}
