import type { TFunction } from "i18next";
import { PROBLEM_CODES, type ProblemCode, currentProblemCode } from "../../../contract/errors.js";
import { ApiError } from "./client.js";

// Every code the console and portal word: all the server can answer (contract/errors.ts) and the
// client's own. The i18n test checks each has an `errors.<code>` entry in both languages, so a new
// server code cannot ship without wording; a deprecated code is worded as its replacement.
export const CLIENT_ERROR_CODES = ["network_error", "server_error"] as const;
export const KNOWN_ERROR_CODES = [...(Object.keys(PROBLEM_CODES) as ProblemCode[]), ...CLIENT_ERROR_CODES];

const known = new Set<string>(KNOWN_ERROR_CODES);

/** Words an error from the API (or anything thrown) for the person at the screen. */
export function errorMessage(t: TFunction, err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === "login_locked" || err.code === "rate_limited") {
      const seconds = err.retryAfterSeconds ?? 60;
      return seconds >= 90
        ? t("errors.lockedMinutes", { count: Math.ceil(seconds / 60) })
        : t("errors.lockedSeconds", { count: seconds });
    }
    // A deprecated code (an older server's `cursor_invalid`) is worded as the one replacing it.
    const code = currentProblemCode(err.code) ?? err.code;
    if (known.has(code)) return t(`errors.${code}`);
    return t("errors.unknown", { status: err.status, detail: err.message });
  }
  return t("errors.unexpected");
}
