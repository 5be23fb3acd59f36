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

export type FieldError = { path: string; message: string };

/**
 * The one error type services throw. `code` is stable and machine-readable
 * (e.g. "report_not_found"); the UI words it in the reader's language.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details: { errors?: FieldError[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (code: string, message = "Not found") => new AppError(code, "not_found", message);
export const forbidden = (code = "forbidden", message = "You may not do this") =>
  new AppError(code, "forbidden", message);
export const conflict = (code: string, message: string) => new AppError(code, "conflict", message);
export const invalid = (code: string, message: string, errors: FieldError[] = []) =>
  new AppError(code, "invalid", message, { errors });
