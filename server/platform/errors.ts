import type { FieldError, ProblemCode } from "../../contract/errors.js";

export type { FieldError, FieldProblemCode, ProblemCode } from "../../contract/errors.js";

/** The kinds of failure a service can report; the HTTP layer maps each to a status. */
export type ErrorKind =
  | "invalid" // 400
  | "unauthenticated" // 401
  | "forbidden" // 403
  | "not_found" // 404
  | "conflict" // 409
  | "too_large" // 413
  | "unsupported" // 415
  | "rate_limited" // 429
  | "unavailable"; // 503

/**
 * The one error type services throw. `code` is stable and machine-readable (e.g. "report_not_found"),
 * one of contract/errors.ts's codes — an unknown one does not compile; the UI words it in the
 * reader's language. Field errors carry codes of their own for the same reason.
 */
export class AppError extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly kind: ErrorKind,
    message: string,
    readonly details: { errors?: FieldError[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (code: ProblemCode, message = "Not found") => new AppError(code, "not_found", message);
export const forbidden = (code: ProblemCode = "forbidden", message = "You may not do this") =>
  new AppError(code, "forbidden", message);
export const conflict = (code: ProblemCode, message: string) => new AppError(code, "conflict", message);
export const invalid = (code: ProblemCode, message: string, errors: FieldError[] = []) =>
  new AppError(code, "invalid", message, { errors });
