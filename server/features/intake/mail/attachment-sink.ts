import { PassThrough, type Readable, Transform } from "node:stream";
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
 * the per-file limit, or past the report's total, is left out — and named, with its size and why, so the
 * report and the receipt can say so (the raw message still holds it).
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
    let seen = 0;
    // Counts the part's bytes (its size is reported when it is left out); the blob store destroys
    // what it reads from on overflow, so the parser's own stream must not be handed to it directly.
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        seen += chunk.length;
        done(null, chunk);
      },
    });
    const gate = new PassThrough();
    content.pipe(counter).pipe(gate);
    try {
      const stored = await blobs.put(gate, { maxBytes });
      total += stored.size;
      return { filename, contentType, sha256: stored.sha256, size: stored.size };
    } catch (err) {
      if (!(err instanceof AppError && err.kind === "too_large")) throw err;
      counter.unpipe(gate);
      await drain(counter);
      const reason = limits.maxAttachmentBytes <= room ? "file_too_large" : "report_too_large";
      logger.warn(
        { filename, size: seen, maxBytes, reason },
        "mailed attachment over the size limit left out (kept in the raw message)",
      );
      return { notStored: reason, size: seen };
    }
  };
}
