import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import type { ProblemCode } from "../../../contract/errors.js";
import { AppError, type ErrorKind, type FieldError } from "../errors.js";
import { fieldErrorOf } from "../field-errors.js";

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported: 415,
  rate_limited: 429,
  unavailable: 503,
};

const TITLES: Record<number, string> = {
  400: "Invalid request",
  401: "Not signed in",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  406: "Not acceptable",
  409: "Conflict",
  413: "Request too large",
  415: "Unsupported media type",
  429: "Too many requests",
  500: "Internal error",
  503: "Unavailable",
};

/** RFC 9457 problem details; `code` is Fyr's stable machine-readable reason (contract/errors.ts). */
/** The HTTP status of an error kind (for a page answering with HTML instead of problem+json). */
export function statusOfKind(kind: ErrorKind): number {
  return STATUS[kind];
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  errors?: FieldError[];
}

export function problem(status: number, code: ProblemCode, detail: string, errors?: FieldError[]): Problem {
  return {
    type: `urn:fyr:problem:${code}`,
    title: TITLES[status] ?? "Error",
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.status(p.status).type("application/problem+json; charset=utf-8").send(p);
}

// Fastify's own errors carry a code; the ones a client causes are mapped to what they mean.
const FASTIFY_CODES: Record<string, [number, ProblemCode, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, "body_too_large", "The request body is larger than allowed"],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, "unsupported_media_type", "This content type is not accepted here"],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, "invalid_content_length", "Content-Length does not match the body"],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, "empty_body", "The JSON body is empty"],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, "malformed_json", "The body is not valid JSON"],
  FST_ERR_BAD_URL: [400, "bad_url", "The URL is malformed"],
};

/** Turns any thrown error into problem+json; never leaks a stack trace or SQL. */
export function handleError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err instanceof AppError) {
    const status = STATUS[err.kind];
    if (err.details.retryAfterSeconds !== undefined) reply.header("retry-after", String(err.details.retryAfterSeconds));
    return sendProblem(reply, problem(status, err.code, err.message, err.details.errors));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? "body";
    const input =
      where === "querystring"
        ? req.query
        : where === "params"
          ? req.params
          : where === "headers"
            ? req.headers
            : req.body;
    const errors = err.validation.map((v) =>
      fieldErrorOf(
        {
          ...v.params,
          code: v.keyword,
          path: v.instancePath.split("/").filter(Boolean),
          message: v.message ?? "invalid",
        },
        where,
        input,
      ),
    );
    return sendProblem(reply, problem(400, "validation_failed", "Some fields are invalid", errors));
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err }, "response did not match its schema");
    return sendProblem(reply, problem(500, "internal_error", "Something went wrong on our side"));
  }
  const known = err.code ? FASTIFY_CODES[err.code] : undefined;
  if (known) return sendProblem(reply, problem(known[0], known[1], known[2]));
  if (err instanceof SyntaxError && err.statusCode === 400) {
    return sendProblem(reply, problem(400, "malformed_json", "The body is not valid JSON"));
  }
  const status = err.statusCode ?? 500;
  if (status === 429) {
    return sendProblem(reply, problem(429, "rate_limited", "Too many requests; try again shortly"));
  }
  if (status >= 400 && status < 500) {
    return sendProblem(reply, problem(status, "bad_request", TITLES[status] ?? "Bad request"));
  }
  req.log.error({ err }, "unhandled error");
  return sendProblem(reply, problem(500, "internal_error", "Something went wrong on our side"));
}
