import { createGunzip } from "node:zlib";
import { ZipReader } from "@zip.js/zip.js";
import { AppError } from "../../platform/errors.js";
import { BlobZipReader } from "../../platform/files/blob-zip-reader.js";
import type { BlobStore } from "../../platform/files/blobs.js";

// A feed file as the files inside it: a plain file is one, a .gz is its content, a .zip is each of its
// files. Everything streams from the blob store, and what comes out is bounded: a 10 GB file or a zip
// bomb stops at the limit with a clear error, however the archive claims to be built.

export interface FeedFileBounds {
  /** Bytes read out of the file (after decompression), across all of its parts. */
  maxBytes: number;
  /** Decompressed bytes per compressed byte; a real CSV packs ~10:1, a bomb 1000:1. */
  maxRatio: number;
}

export const FEED_FILE_BOUNDS: FeedFileBounds = { maxBytes: 20 * 1024 ** 3, maxRatio: 200 };

/** One file inside the feed file: its name (the archive entry's, or the file's own) and its bytes. */
export interface FeedFilePart {
  name: string;
  chunks: AsyncIterable<Uint8Array>;
}

/** What kind of container the first bytes say. */
export function containerOf(head: Uint8Array): "gzip" | "zip" | "plain" {
  if (head[0] === 0x1f && head[1] === 0x8b) return "gzip";
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return "zip";
  return "plain";
}

/** The parts of a stored feed file, read lazily one after another. */
export async function* openFeedFile(
  blobs: BlobStore,
  stored: { sha256: string; size: number; name: string },
  bounds: FeedFileBounds = FEED_FILE_BOUNDS,
): AsyncGenerator<FeedFilePart> {
  const access = await blobs.openRandomAccess(stored.sha256);
  let head: Uint8Array;
  try {
    head = await access.read(0, Math.min(4, access.size));
  } catch (err) {
    await access.close();
    throw err;
  }
  const meter = byteMeter(bounds, stored.size);
  const kind = containerOf(head);
  if (kind !== "zip") {
    await access.close();
    const raw = await blobs.open(stored.sha256);
    const name = stored.name.replace(/\.gz$/i, "");
    yield { name, chunks: meter(kind === "gzip" ? raw.pipe(createGunzip()) : raw) };
    return;
  }
  const zip = new ZipReader(new BlobZipReader(access), { useWebWorkers: false });
  try {
    for await (const entry of zip.getEntriesGenerator()) {
      if (entry.directory || entry.encrypted) continue;
      const pipe = new TransformStream<Uint8Array, Uint8Array>();
      const written = entry.getData(pipe.writable);
      // An entry that fails midway fails the reader with it, not silently.
      written.catch(() => undefined);
      yield { name: entry.filename, chunks: meter(readAll(pipe.readable)) };
      await written;
    }
  } finally {
    await zip.close();
    await access.close();
  }
}

async function* readAll(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Counts the bytes coming out, and stops past the total or the ratio bound. */
function byteMeter(bounds: FeedFileBounds, compressedSize: number) {
  let total = 0;
  const limit = Math.min(bounds.maxBytes, Math.max(compressedSize, 1) * bounds.maxRatio);
  return async function* metered(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > limit) {
        const message = `The feed file unpacks to more than ${limit} bytes: refused as too large (or a zip bomb)`;
        throw new AppError("feed_file_too_large", "too_large", message);
      }
      yield chunk;
    }
  };
}
