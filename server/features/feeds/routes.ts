import type { Multipart, MultipartFile } from "@fastify/multipart";
import fastifyMultipart from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import {
  FeedEventPage,
  FeedEventQuery,
  FeedRun,
  FeedRunAccepted,
  FeedRunList,
  FeedRunListQuery,
  FeedRunParams,
  FeedSourceList,
  FeedUploadFields,
} from "../../../contract/feeds.js";
import { NoControlCharacters } from "../../../contract/text.js";
import { FEED_UPLOADER_ROLES } from "../../../contract/roles.js";
import { CASE_READERS, allow } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { AppError } from "../../platform/errors.js";
import { fieldErrorOf } from "../../platform/field-errors.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { scheduleBlobSweep } from "../intake/service.js";
import { acceptFeedFile, rerunFeedRun } from "./accept-feed-file.js";
import { decideHeldRun } from "./held-runs.js";
import { registerFeedSourceRoutes } from "./routes-sources.js";
import { feedFileTooLarge } from "./store-feed-file.js";
import { getFeedRun, listFeedEvents, listFeedRuns, listFeedSources } from "./read-feeds.js";

const tags = ["feeds"];
const security = STAFF_SECURITY;
/** Duty and analysts (and admins) post feed files (contract/roles.ts). */
const UPLOADERS = allow(...FEED_UPLOADER_ROLES);
const TEXT_FIELDS = new Set(["format", "reportType", "source", "mapping"]);

/** Feed runs, sources and events (/api/v1/feeds/…, /api/v1/events): case readers read, uploaders post. */
export function registerFeedRoutes(
  app: FyrApp,
  deps: Pick<AppDeps, "db" | "clock" | "config" | "blobs" | "secrets" | "logger">,
): void {
  registerFeedSourceRoutes(app, deps);
  const reader = (req: FastifyRequest) => staffContext(req, deps, CASE_READERS);

  app.get(
    "/api/v1/feeds/runs",
    { config: CASE_READERS, schema: { tags, security, querystring: FeedRunListQuery, response: { 200: FeedRunList } } },
    async (req) => listFeedRuns(reader(req), req.query),
  );
  app.get(
    "/api/v1/feeds/runs/:id",
    { config: CASE_READERS, schema: { tags, security, params: FeedRunParams, response: { 200: FeedRun } } },
    async (req) => getFeedRun(reader(req), req.params.id),
  );
  app.get(
    "/api/v1/feeds/sources",
    { config: CASE_READERS, schema: { tags, security, response: { 200: FeedSourceList } } },
    async (req) => listFeedSources(reader(req)),
  );
  app.get(
    "/api/v1/events",
    { config: CASE_READERS, schema: { tags, security, querystring: FeedEventQuery, response: { 200: FeedEventPage } } },
    async (req) => listFeedEvents({ ...reader(req), timeZone: deps.config.timeZone }, req.query),
  );

  app.post(
    "/api/v1/feeds/runs/:id/rerun",
    { config: UPLOADERS, schema: { tags, security, params: FeedRunParams, response: { 202: FeedRunAccepted } } },
    async (req, reply) => reply.status(202).send(await rerunFeedRun(staffContext(req, deps, UPLOADERS), req.params.id)),
  );

  // A held surge (run-size.ts): tell its owners after all, or not.
  for (const [verb, notify] of [
    ["release", true],
    ["discard", false],
  ] as const)
    app.post(
      `/api/v1/feeds/runs/:id/${verb}`,
      { config: UPLOADERS, schema: { tags, security, params: FeedRunParams, response: { 200: FeedRun } } },
      async (req) => decideHeldRun(staffContext(req, deps, UPLOADERS), req.params.id, notify),
    );

  // The upload: multipart in a scope of its own; the file streamed into the blob store, never buffered.
  void app.register(async (scope: FyrApp) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: deps.config.feedMaxUploadBytes + 1, files: 1, fields: 8, fieldSize: 10_000, parts: 9 },
    });
    scope.post(
      "/api/v1/feeds/runs",
      { config: UPLOADERS, schema: { tags, security, response: { 202: FeedRunAccepted } } },
      async (req, reply) => {
        const ctx = { ...staffContext(req, deps, UPLOADERS), blobs: deps.blobs };
        const fields: Record<string, string> = {};
        let accepted: { id: string } | undefined;
        try {
          for await (const part of req.parts() as AsyncIterableIterator<Multipart>) {
            if (part.type === "field") {
              if (TEXT_FIELDS.has(part.fieldname)) fields[part.fieldname] = String(part.value);
              continue;
            }
            if (part.fieldname !== "file" || accepted !== undefined) {
              part.file.resume();
              continue;
            }
            // Fields come before the file (a browser sends them in the order they were appended).
            const checked = checkFields(fields);
            // Before the file is stored: if the process dies before its run commits, the clean-up is queued.
            await scheduleBlobSweep(deps.db, deps.clock);
            accepted = await acceptFeedFile(ctx, {
              ...checked,
              fileName: cleanName(part),
              body: part.file,
              maxBytes: deps.config.feedMaxUploadBytes,
            });
          }
        } catch (err) {
          throw translate(err, deps.config.feedMaxUploadBytes);
        }
        if (accepted === undefined) {
          checkFields(fields);
          throw new AppError("validation_failed", "invalid", "Some fields are invalid", {
            errors: [{ path: "body.file", message: "required", code: "required" }],
          });
        }
        return reply.status(202).send(accepted);
      },
    );
  });
}

/** The text fields, every bad one named (as a JSON body's schema check would). */
function checkFields(fields: Record<string, string>): FeedUploadFields {
  const schema = NoControlCharacters.pipe(FeedUploadFields);
  const parsed = schema.safeParse(fields);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => fieldErrorOf(issue, "body", fields));
  throw new AppError("validation_failed", "invalid", "Some fields are invalid", { errors });
}

function cleanName(part: MultipartFile): string {
  const base = (part.filename ?? "").split(/[\\/]/).pop() ?? "";
  const clean = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join("")
    .trim();
  return clean.slice(0, 255) || "upload";
}

// @fastify/multipart's limits mean the same as the blob store's: the file is too large.
function translate(err: unknown, limit: number): unknown {
  if (err instanceof AppError || typeof err !== "object" || err === null || !("code" in err)) return err;
  switch (err.code) {
    case "FST_REQ_FILE_TOO_LARGE":
      return feedFileTooLarge(limit);
    case "FST_FILES_LIMIT":
    case "FST_PARTS_LIMIT":
    case "FST_FIELDS_LIMIT":
      return new AppError("too_many_parts", "too_large", "One file and its fields per request");
    case "FST_PROTO_VIOLATION":
    case "FST_INVALID_MULTIPART_CONTENT_TYPE":
    case "FST_MP_PREMATURE_CLOSE":
      return new AppError("multipart_invalid", "invalid", "The multipart body could not be read");
    default:
      return err;
  }
}
