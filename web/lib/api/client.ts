import { z } from "zod";
import { type FieldProblem, wordFieldProblems } from "./field-errors.js";

// The server's problem+json body (RFC 9457) with Fyr's machine-readable `code`; each field error
// has a code too (contract/errors.ts), missing only from servers older than field codes.
const Problem = z.object({
  title: z.string().optional(),
  status: z.number().optional(),
  detail: z.string().optional(),
  code: z.string().optional(),
  errors: z
    .array(
      z.object({
        path: z.string(),
        message: z.string(),
        code: z.string().optional(),
        params: z
          .object({ limit: z.number().optional(), line: z.number().optional(), column: z.number().optional() })
          .optional(),
      }),
    )
    .optional(),
});

/** An error answered by the API: the HTTP status, the server's code and what was wrong per field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Per form field (the path without "body."): the server's field code, English message and limit. */
    readonly fieldProblems: Record<string, FieldProblem> = {},
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** Each field's problem in the interface's current language (read when rendering, so it follows a switch). */
  get fieldErrors(): Record<string, string> {
    return wordFieldProblems(this.fieldProblems);
  }
}

let csrfToken: string | null = null;

/** Remembers the CSRF token (from login or /auth/me) that every cookie-authenticated write must carry. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

// "body.newPassword" → "newPassword": forms show the message beside the field of that name.
function fieldName(path: string): string {
  const parts = path.split(".");
  return parts[0] === "body" ? parts.slice(1).join(".") : path;
}

/** Turns a failed response (problem+json or not) into an ApiError. */
export async function toApiError(res: Response): Promise<ApiError> {
  const retryAfter = Number(res.headers.get("retry-after"));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null;
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy error page, say): fall back to the status alone.
  }
  const parsed = Problem.safeParse(body);
  const problem = parsed.success ? parsed.data : {};
  const fields: Record<string, FieldProblem> = {};
  for (const e of problem.errors ?? []) fields[fieldName(e.path)] ??= { ...e, code: e.code ?? "invalid" };
  const code = problem.code ?? (res.status >= 500 ? "server_error" : `http_${res.status}`);
  return new ApiError(res.status, code, problem.detail ?? problem.title ?? res.statusText, fields, retryAfterSeconds);
}

/** Calls the Fyr API with the session cookie; returns the parsed JSON (undefined for 204) or throws ApiError. */
export async function api<T = unknown>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network_error", "The server could not be reached");
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Builds a query string from the set (non-empty) values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}
