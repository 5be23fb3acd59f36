import { PassThrough, type Readable } from "node:stream";
import { AppError } from "../../../platform/errors.js";
import type { BlobStore } from "../../../platform/files/blobs.js";
import type { Logger } from "../../../platform/log.js";
import type { AttachmentSink } from "./mime-reader.js";

async function drain(stream: Readable): Promise<void> {
  // Bytes left in a refused part must still be read, or the parser never reaches the next one.
  for await (const _chunk of stream) void _chunk;
}

/**
 * An attachment sink that streams each part into the blob store within the intake limits: a file past
 * the per-file limit, or past the report's total, is left out (the raw message still holds it).
 */
export function blobAttachmentSink(
  blobs: BlobStore,
  limits: { maxAttachmentBytes: number; maxReportBytes: number },
  logger: Logger,
): AttachmentSink {
  let total = 0;
  return async ({ filename, contentType, content }) => {
    const room = limits.maxReportBytes - total;
    const maxBytes = Math.min(limits.maxAttachmentBytes, room);
    // The blob store destroys what it reads from on overflow; the parser's own stream must survive that.
    const gate = new PassThrough();
    content.pipe(gate);
    try {
      const stored = await blobs.put(gate, { maxBytes });
      total += stored.size;
      return { filename, contentType, sha256: stored.sha256, size: stored.size };
    } catch (err) {
      if (!(err instanceof AppError && err.kind === "too_large")) throw err;
      logger.warn({ filename, maxBytes }, "mailed attachment over the size limit left out (kept in the raw message)");
      content.unpipe(gate);
      await drain(content);
      return null;
    }
  };
}
