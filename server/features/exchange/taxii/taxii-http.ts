import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../../platform/errors.js";

// The media types, headers and error messages of TAXII 2.1 (OASIS TAXII Version 2.1, §1.6.8, §3.6.1):
// every response is `application/taxii+json;version=2.1`, a request must accept it (else 406), a POST
// must send it (else 415), and an error is the specification's error message, never problem+json.

export const TAXII_MEDIA_TYPE = "application/taxii+json;version=2.1";
export const STIX_MEDIA_TYPE = "application/stix+json;version=2.1";
/** The largest POST body the API root takes (its `max_content_length`). */
export const MAX_CONTENT_LENGTH = 10 * 1024 * 1024;

/** A TAXII error with its HTTP status (§3.6.1): title, description, an error code of our own. */
export class TaxiiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly title: string,
    readonly description: string,
    readonly errorCode: string,
  ) {
    super(description);
    this.name = "TaxiiError";
  }
}

export const taxiiNotFound = (what: string) => new TaxiiError(404, "Not found", what, "not_found");
export const taxiiForbidden = (what: string) => new TaxiiError(403, "Forbidden", what, "forbidden");
export const taxiiInvalid = (what: string) => new TaxiiError(400, "Bad request", what, "invalid");

/** Parameters of a media type, lower-cased (`version`, …), and its type/subtype. */
function parseMediaType(text: string): { type: string; params: Record<string, string> } {
  const [head = "", ...rest] = text.split(";");
  const params: Record<string, string> = {};
  for (const p of rest) {
    const [k, v] = p.split("=");
    if (k && v) params[k.trim().toLowerCase()] = v.trim().replace(/^"|"$/g, "");
  }
  return { type: head.trim().toLowerCase(), params };
}

/** Whether one media type (of Accept or Content-Type) is TAXII 2.1's; no version means the newest. */
function isTaxii21(text: string): boolean {
  const { type, params } = parseMediaType(text);
  return type === "application/taxii+json" && (params.version === undefined || params.version === "2.1");
}

/** 406 unless the request accepts TAXII 2.1 (§1.6.8.1: Accept is required of clients). */
export function requireAccept(req: FastifyRequest): void {
  const accept = req.headers.accept ?? "";
  if (!accept.split(",").some((part) => isTaxii21(part)))
    throw new TaxiiError(406, "Not acceptable", `The request must accept ${TAXII_MEDIA_TYPE}`, "not_acceptable");
}

/** 415 unless the body is TAXII 2.1 JSON. */
export function requireContentType(req: FastifyRequest): void {
  if (!isTaxii21(req.headers["content-type"] ?? ""))
    throw new TaxiiError(
      415,
      "Unsupported media type",
      `Send the body as ${TAXII_MEDIA_TYPE}`,
      "unsupported_media_type",
    );
}

/** The body of a TAXII POST (captured raw by the TAXII plugin's parser) as JSON, or 400/413. */
export function jsonBody(req: FastifyRequest): unknown {
  const raw = req.body;
  if (!Buffer.isBuffer(raw) || raw.length === 0) throw taxiiInvalid("The body is empty");
  if (raw.length > MAX_CONTENT_LENGTH)
    throw new TaxiiError(413, "Request too large", `At most ${MAX_CONTENT_LENGTH} bytes`, "too_large");
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw taxiiInvalid("The body is not JSON");
  }
}

/** Sends a TAXII resource (an object, or JSON text already written). */
export function sendTaxii(reply: FastifyReply, body: unknown, status = 200): FastifyReply {
  if (typeof body === "string")
    return reply.status(status).header("content-type", TAXII_MEDIA_TYPE).send(Buffer.from(body, "utf8"));
  // A Buffer, so Fastify leaves the media type as TAXII writes it (no charset, no quotes).
  return reply
    .status(status)
    .header("content-type", TAXII_MEDIA_TYPE)
    .send(Buffer.from(JSON.stringify(body), "utf8"));
}

/** `X-TAXII-Date-Added-First` / `-Last` of what a page returns (§3.6.2). */
export function dateAddedHeaders(reply: FastifyReply, first: Date | undefined, last: Date | undefined): void {
  if (first) reply.header("x-taxii-date-added-first", first.toISOString());
  if (last) reply.header("x-taxii-date-added-last", last.toISOString());
}

const APP_STATUS: Record<string, number> = {
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

/** The TAXII error message of anything thrown on a TAXII path (never a stack trace or SQL). */
export function sendTaxiiError(err: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  let e: TaxiiError;
  if (err instanceof TaxiiError) e = err;
  else if (err instanceof AppError) e = new TaxiiError(APP_STATUS[err.kind] ?? 500, err.code, err.message, err.code);
  else {
    const code = typeof err === "object" && err !== null && "code" in err ? String(err.code) : "";
    if (code === "FST_ERR_CTP_BODY_TOO_LARGE")
      e = new TaxiiError(413, "Request too large", `At most ${MAX_CONTENT_LENGTH} bytes`, "too_large");
    else if (code === "FST_ERR_CTP_INVALID_MEDIA_TYPE")
      e = new TaxiiError(415, "Unsupported media type", `Send ${TAXII_MEDIA_TYPE}`, "unsupported_media_type");
    else {
      req.log.error({ err }, "TAXII request failed");
      e = new TaxiiError(500, "Internal error", "Something went wrong on our side", "internal_error");
    }
  }
  if (e.httpStatus === 401) reply.header("www-authenticate", 'Basic realm="taxii", charset="UTF-8"');
  return sendTaxii(
    reply,
    { title: e.title, description: e.description, error_code: e.errorCode, http_status: String(e.httpStatus) },
    e.httpStatus,
  );
}
