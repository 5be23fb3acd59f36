import type { Multipart } from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import { AppError } from "../../platform/errors.js";
import { type BlobStore, formatBytes, tooLarge } from "../../platform/files/blobs.js";
import type { StoredAttachment } from "./types.js";
import type { UploadQuota } from "./upload-quota.js";

export interface UploadLimits {
  maxAttachmentBytes: number;
  maxReportBytes: number;
  /** The JSON field's limit (the same as a JSON body's). */
  bodyLimitBytes: number;
}

export interface MultipartUpload {
  /** The JSON text field (`report`, or `message` on follow-up), still unparsed. */
  json: string | null;
  attachments: StoredAttachment[];
}

/** A file name safe to show and to put in Content-Disposition: no path, no control characters. */
export function cleanFilename(name: string | undefined): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const clean = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join("")
    .trim()
    .slice(0, 255);
  return clean === "" || clean === "." || clean === ".." ? "attachment" : clean;
}

function cleanContentType(mime: string | undefined): string {
  const value = (mime ?? "").toLowerCase().trim();
  return /^[a-z0-9][a-z0-9.+-]*\/[a-z0-9][a-z0-9.+-]*$/.test(value) && value.length <= 100
    ? value
    : "application/octet-stream";
}

const jsonMissing = (field: string) =>
  new AppError("validation_failed", "invalid", "Some fields are invalid", {
    errors: [{ path: `body.${field}`, message: "required before the first file", code: "before_files" }],
  });

function reportTooLarge(limit: number, path: string): AppError {
  const message = `All files of one report may together be at most ${formatBytes(limit)}`;
  return new AppError("report_too_large", "too_large", message, {
    errors: [{ path, message, code: "files_too_large", params: { limit } }],
  });
}

// @fastify/multipart signals limits with its own errors; they mean the same to a reporter.
function translate(err: unknown, limits: UploadLimits): unknown {
  if (err instanceof AppError || typeof err !== "object" || err === null || !("code" in err)) return err;
  switch (err.code) {
    case "FST_REQ_FILE_TOO_LARGE":
      return tooLarge(limits.maxAttachmentBytes);
    case "FST_FILES_LIMIT":
    case "FST_PARTS_LIMIT":
    case "FST_FIELDS_LIMIT":
      return new AppError("too_many_parts", "too_large", "Too many files or fields in one request");
    case "FST_PROTO_VIOLATION":
    case "FST_INVALID_MULTIPART_CONTENT_TYPE":
    case "FST_MP_PREMATURE_CLOSE":
      return new AppError("multipart_invalid", "invalid", "The multipart body could not be read");
    default:
      return err;
  }
}

/**
 * Reads a multipart request: the JSON field named `jsonField`, and every file streamed into the
 * blob store (never held in memory) within the per-file and per-report limits and the client's
 * upload quota. The JSON field must come before the first file, and `checkJson` runs as soon as it
 * arrives: a form that is missing, malformed or invalid is refused before a single file byte is
 * stored (browsers send parts in the order they were appended; the portal appends the form first).
 * `beforeFirstFile` runs once, before any blob is written (the orphan clean-up is scheduled there).
 */
export async function readMultipartUpload(
  req: FastifyRequest,
  options: {
    blobs: BlobStore;
    limits: UploadLimits;
    jsonField: string;
    checkJson: (text: string) => void;
    /** Every text field as it arrives (the plain HTML form's fields); `truncated`: past the field size limit. */
    onField?: (name: string, value: string, truncated: boolean) => void;
    beforeFirstFile: () => Promise<void>;
    /** The client's hourly byte quota (public surface); absent or null: none. */
    quota?: UploadQuota | null;
  },
): Promise<MultipartUpload> {
  const { blobs, limits } = options;
  const upload: MultipartUpload = { json: null, attachments: [] };
  let total = 0;
  let started = false;
  try {
    for await (const part of req.parts() as AsyncIterableIterator<Multipart>) {
      if (part.type === "field") {
        options.onField?.(part.fieldname, String(part.value), part.valueTruncated);
        if (part.fieldname !== options.jsonField) continue;
        if (part.valueTruncated) {
          const message = `The form may be at most ${formatBytes(limits.bodyLimitBytes)}`;
          throw new AppError("body_too_large", "too_large", message, {
            errors: [
              {
                path: `body.${part.fieldname}`,
                message,
                code: "form_too_large",
                params: { limit: limits.bodyLimitBytes },
              },
            ],
          });
        }
        upload.json = String(part.value);
        options.checkJson(upload.json);
        continue;
      }
      // "" names no field: a files-only upload (incident attachments).
      if (upload.json === null && options.jsonField !== "") throw jsonMissing(options.jsonField);
      if (!started) {
        started = true;
        await options.quota?.check();
        await options.beforeFirstFile();
      }
      const remaining = limits.maxReportBytes - total;
      const maxBytes = Math.min(limits.maxAttachmentBytes, remaining);
      const stored = await blobs.put(part.file, { maxBytes, meter: options.quota?.meter }).catch((err: unknown) => {
        if (!(err instanceof AppError && err.code === "attachment_too_large")) throw err;
        const path = `body.${part.fieldname}`;
        throw remaining < limits.maxAttachmentBytes
          ? reportTooLarge(limits.maxReportBytes, path)
          : tooLarge(limits.maxAttachmentBytes, path);
      });
      total += stored.size;
      upload.attachments.push({
        filename: cleanFilename(part.filename),
        contentType: cleanContentType(part.mimetype),
        sha256: stored.sha256,
        size: stored.size,
      });
    }
  } catch (err) {
    throw translate(err, limits);
  }
  return upload;
}
