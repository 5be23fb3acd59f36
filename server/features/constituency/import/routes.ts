import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import fastifyMultipart from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import {
  ConstituencyImport,
  ConstituencyImportForm,
  ConstituencyImportParams,
} from "../../../../contract/constituency-imports.js";
import { allow } from "../../../platform/auth/guard.js";
import type { AppDeps } from "../../../platform/deps.js";
import { AppError, invalid } from "../../../platform/errors.js";
import { fieldErrorOf } from "../../../platform/field-errors.js";
import { STAFF_SECURITY, staffContext } from "../../../platform/http/context.js";
import type { FyrApp } from "../../../platform/http/types.js";
import { type ImportFile, plainBytes } from "./import-files.js";
import type { ConstituencyImportRow } from "./imports-store.js";
import { applyImport, getImport, readImport } from "./run-import.js";

const tags = ["constituency"];
const security = STAFF_SECURITY;
/** Imports change the registry every later notice relies on: admins and the duty officer. */
const IMPORTERS = allow("duty");
const MAX_FILES = 10;

export function presentImport(row: ConstituencyImportRow): ConstituencyImport {
  return {
    id: row.id,
    status: row.status,
    format: row.format,
    source: row.source,
    filters: row.filters,
    fileNames: row.file_names,
    skipInvalid: row.skip_invalid,
    objectsRead: row.objects_read,
    counts: row.counts,
    samples: row.diff,
    errors: row.errors,
    errorCount: row.error_count,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    appliedAt: row.applied_at?.toISOString() ?? null,
  };
}

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "");

/**
 * Each file of the form goes to a temporary file first (the form's fields may come after it), within
 * FYR_CONSTITUENCY_IMPORT_MAX_BYTES for all files together; then the import reads them, streamed.
 */
async function readForm(
  req: FastifyRequest,
  dir: string,
  maxBytes: number,
): Promise<{ fields: Record<string, string>; files: ImportFile[] }> {
  const fields: Record<string, string> = {};
  const files: ImportFile[] = [];
  let total = 0;
  for await (const part of req.parts()) {
    if (part.type === "field") {
      if (typeof part.value === "string") fields[part.fieldname] = part.value;
      continue;
    }
    const path = join(dir, String(files.length));
    let bytes = 0;
    part.file.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (total + bytes > maxBytes) part.file.destroy(tooLarge(maxBytes));
    });
    await pipeline(part.file, createWriteStream(path));
    if (part.file.truncated) throw tooLarge(maxBytes);
    total += bytes;
    files.push({
      name: part.filename || `file-${files.length + 1}`,
      open: () => plainBytes(createReadStream(path, { highWaterMark: 1 << 20 })),
    });
  }
  return { fields, files };
}

const tooLarge = (limit: number) =>
  new AppError("constituency_import_too_large", "too_large", `The import is larger than ${limit} bytes`, {
    errors: [{ path: "file", message: "too large", code: "file_too_large", params: { limit } }],
  });

/** Constituency imports: upload (a preview), read a preview, apply it. */
export function registerConstituencyImportRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const ctx = (req: FastifyRequest) => staffContext(req, deps, IMPORTERS);
  const maxBytes = deps.config.constituencyImportMaxBytes;

  app.get(
    "/api/v1/constituency/imports/:id",
    {
      config: IMPORTERS,
      schema: { tags, security, params: ConstituencyImportParams, response: { 200: ConstituencyImport } },
    },
    async (req) => presentImport(await getImport(ctx(req), req.params.id)),
  );

  app.post(
    "/api/v1/constituency/imports/:id/apply",
    {
      config: IMPORTERS,
      schema: { tags, security, params: ConstituencyImportParams, response: { 200: ConstituencyImport } },
    },
    async (req) => presentImport(await applyImport(ctx(req), req.params.id)),
  );

  void app.register(async (scope: FyrApp) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: maxBytes + 1, files: MAX_FILES, fields: 10, fieldSize: 10_000, parts: MAX_FILES + 10 },
      throwFileSizeLimit: false,
    });
    scope.post(
      "/api/v1/constituency/imports",
      { config: IMPORTERS, schema: { tags, security, response: { 201: ConstituencyImport } } },
      async (req, reply) => {
        const c = ctx(req);
        if (!req.isMultipart()) throw new AppError("unsupported_media_type", "unsupported", "Send multipart/form-data");
        const dir = await mkdtemp(join(tmpdir(), "fyr-constituency-import-"));
        try {
          const { fields, files } = await readForm(req, dir, maxBytes);
          const form = ConstituencyImportForm.safeParse(fields);
          if (!form.success) {
            throw invalid(
              "validation_failed",
              "The form is invalid",
              form.error.issues.map((i) => fieldErrorOf(i, "", fields)),
            );
          }
          if (files.length === 0) {
            throw invalid("validation_failed", "Send a file", [
              { path: "file", message: "Send a file", code: "required" },
            ]);
          }
          const row = await readImport(c, {
            format: form.data.format,
            files,
            countries: form.data.format === "ripe" ? list(form.data.country) : [],
            orgs: list(form.data.orgs),
            skipInvalid: form.data.skipInvalid === "true" || form.data.skipInvalid === "on",
          });
          return reply.status(201).send(presentImport(row));
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    );
  });
}
