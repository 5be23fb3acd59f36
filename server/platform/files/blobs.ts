import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { type FileHandle, mkdir, open, readFile, readdir, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "../errors.js";

/** Content-addressed file storage (attachments, raw e-mail): files named by their SHA-256. */
export interface BlobStore {
  /**
   * Streams `source` in while hashing (SHA-256, and SHA-1 and MD5 for the evidence record, kept
   * beside the blob); over `maxBytes` throws `attachment_too_large` and keeps nothing.
   * `meter` sees each chunk's size before it is written; if it throws, the put fails with that error
   * and keeps nothing (upload quotas).
   */
  put(source: Readable | Buffer, opts?: PutOptions): Promise<StoredBlob>;
  /** Reads a stored blob; throws `blob_not_found` if it is not there. */
  open(sha256: string): Promise<Readable>;
  /** Reads parts of a stored blob at any offset (archive directories); throws `blob_not_found`. */
  openRandomAccess(sha256: string): Promise<RandomAccessBlob>;
  /**
   * The blob's SHA-256, SHA-1, MD5 and size: kept since the put, or (a blob stored before they were)
   * computed now by reading it once, and kept. Throws `blob_not_found`.
   */
  hashes(sha256: string): Promise<BlobHashes>;
  exists(sha256: string): Promise<boolean>;
  /**
   * Where a blob lies on disk, for a reader that needs a path rather than a stream (the YARA scanner
   * maps files instead of reading them into memory). Does not check that it is there.
   */
  pathOf(sha256: string): string;
  /** Deletes a blob (orphan clean-up only: rows reference blobs by hash). */
  remove(sha256: string): Promise<void>;
  /** Blobs last written or re-put before `cutoff`, for the orphan clean-up. */
  listOlderThan(cutoff: Date): AsyncGenerator<string>;
  /** Deletes temporary files of puts that never finished (a crash mid-upload) older than `cutoff`. */
  removeStaleTemporaryFiles(cutoff: Date): Promise<number>;
  /** Whether `sha256` was last written or re-put before `cutoff` (checked again right before removal). */
  isOlderThan(sha256: string, cutoff: Date): Promise<boolean>;
}

export interface PutOptions {
  maxBytes?: number;
  meter?: (bytes: number) => Promise<void>;
}

/** The hashes a CERT's evidence record names a file by (hex), and its size in bytes. */
export interface BlobHashes {
  sha256: string;
  sha1: string;
  md5: string;
  size: number;
}

export interface StoredBlob extends BlobHashes {
  /** False when the same content was already stored. */
  created: boolean;
}

/** A stored blob opened for reads at offsets; close it when done. */
export interface RandomAccessBlob {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

const SHA256 = /^[0-9a-f]{64}$/;
// Beside each blob: its other hashes (`<sha256>.hashes`, JSON). The name never matches SHA256, so the
// orphan sweep and every listing see blobs only.
const HASHES_SUFFIX = ".hashes";

/** Counts and hashes bytes on their way to disk; fails once more than `maxBytes` went through. */
class HashingLimiter extends Transform {
  readonly hash = createHash("sha256");
  // One pass over the bytes for all three: a 1 GB memory dump is not read again for its MD5.
  readonly sha1 = createHash("sha1");
  readonly md5 = createHash("md5");
  size = 0;
  constructor(
    private readonly maxBytes: number,
    private readonly meter?: (bytes: number) => Promise<void>,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      done(tooLarge(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    this.sha1.update(chunk);
    this.md5.update(chunk);
    if (!this.meter) {
      done(null, chunk);
      return;
    }
    this.meter(chunk.length).then(
      () => done(null, chunk),
      (err: unknown) => done(err instanceof Error ? err : new Error(String(err))),
    );
  }
}

/**
 * The error a too-large upload gets: the message states the limit in English, the field error
 * (`file_too_large`, `params.limit` in bytes) lets a client state it in its reader's language.
 */
export function tooLarge(maxBytes: number, path = "body"): AppError {
  const message = `A file may be at most ${formatBytes(maxBytes)}`;
  return new AppError("attachment_too_large", "too_large", message, {
    errors: [{ path, message, code: "file_too_large", params: { limit: maxBytes } }],
  });
}

/** Bytes in the unit a person reads: "25 MB", "512 KB". */
export function formatBytes(bytes: number): string {
  const mb = 1024 * 1024;
  if (bytes >= mb) return `${Number((bytes / mb).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}

async function fsyncDir(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}

/** A blob store under `dir` (`<dir>/<aa>/<bb>/<sha256>`, temporary files in `<dir>/tmp`). */
export function createBlobStore(dir: string): BlobStore {
  const tmpDir = join(dir, "tmp");
  const pathOf = (sha256: string) => {
    if (!SHA256.test(sha256)) throw new AppError("blob_not_found", "not_found", "No such file");
    return join(dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };

  /** Writes the hashes beside the blob, atomically (a reader never sees half a file). */
  async function keepHashes(hashes: BlobHashes): Promise<void> {
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${randomBytes(12).toString("hex")}.hashes.part`);
    await writeFile(tmp, JSON.stringify(hashes), { flag: "wx", flush: true });
    await rename(tmp, pathOf(hashes.sha256) + HASHES_SUFFIX);
  }

  async function keptHashes(sha256: string): Promise<BlobHashes | null> {
    try {
      const kept: unknown = JSON.parse(await readFile(pathOf(sha256) + HASHES_SUFFIX, "utf8"));
      return isBlobHashes(kept, sha256) ? kept : null;
    } catch {
      return null;
    }
  }

  async function put(source: Readable | Buffer, opts: PutOptions = {}): Promise<StoredBlob> {
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${randomBytes(12).toString("hex")}.part`);
    const limiter = new HashingLimiter(opts.maxBytes ?? Number.MAX_SAFE_INTEGER, opts.meter);
    const input = Buffer.isBuffer(source) ? Readable.from([source]) : source;
    try {
      // flush: the data is on disk (fsync) before the rename makes the blob visible.
      await pipeline(input, limiter, createWriteStream(tmp, { flags: "wx", flush: true }));
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    const hashes: BlobHashes = {
      sha256: limiter.hash.digest("hex"),
      sha1: limiter.sha1.digest("hex"),
      md5: limiter.md5.digest("hex"),
      size: limiter.size,
    };
    const target = pathOf(hashes.sha256);
    if (await exists(hashes.sha256)) {
      await rm(tmp, { force: true });
      // A fresh time keeps the orphan clean-up away from content that a new row is about to reference.
      const now = new Date();
      await utimes(target, now, now);
      // A blob stored before its hashes were kept gets them now, for free.
      if (!(await keptHashes(hashes.sha256))) await keepHashes(hashes);
      return { ...hashes, created: false };
    }
    const parent = join(dir, hashes.sha256.slice(0, 2), hashes.sha256.slice(2, 4));
    await mkdir(parent, { recursive: true });
    // Hashes first: a blob is never visible without them (a crash between leaves a stray hashes file).
    await keepHashes(hashes);
    await rename(tmp, target);
    await fsyncDir(parent);
    return { ...hashes, created: true };
  }

  async function hashes(sha256: string): Promise<BlobHashes> {
    const kept = await keptHashes(sha256);
    if (kept) return kept;
    const limiter = new HashingLimiter(Number.MAX_SAFE_INTEGER);
    await pipeline(await openBlob(sha256), limiter, async (chunks: AsyncIterable<Buffer>) => {
      for await (const _chunk of chunks) void _chunk;
    });
    const computed = {
      sha256,
      sha1: limiter.sha1.digest("hex"),
      md5: limiter.md5.digest("hex"),
      size: limiter.size,
    };
    // Named by its content: if the bytes no longer hash to the name, the blob is damaged, and no
    // record may name it by hashes it does not have.
    if (limiter.hash.digest("hex") !== sha256) throw new Error(`blob ${sha256} does not match its hash`);
    await keepHashes(computed);
    return computed;
  }

  async function openRandomAccess(sha256: string): Promise<RandomAccessBlob> {
    const path = pathOf(sha256);
    if (!(await exists(sha256))) throw new AppError("blob_not_found", "not_found", "No such file");
    const handle = await open(path, "r");
    const { size } = await handle.stat();
    return {
      size,
      async read(offset, length) {
        const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
        let done = 0;
        while (done < buffer.length) {
          const { bytesRead } = await handle.read(buffer, done, buffer.length - done, offset + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return new Uint8Array(buffer.buffer, buffer.byteOffset, done);
      },
      close: () => handle.close(),
    };
  }

  async function exists(sha256: string): Promise<boolean> {
    try {
      return (await stat(pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  }

  async function openBlob(sha256: string): Promise<Readable> {
    const path = pathOf(sha256);
    if (!(await exists(sha256))) throw new AppError("blob_not_found", "not_found", "No such file");
    return createReadStream(path);
  }

  async function isOlderThan(sha256: string, cutoff: Date): Promise<boolean> {
    try {
      return (await stat(pathOf(sha256))).mtimeMs < cutoff.getTime();
    } catch {
      return false;
    }
  }

  async function* listOlderThan(cutoff: Date): AsyncGenerator<string> {
    for (const a of await listDir(dir)) {
      if (!/^[0-9a-f]{2}$/.test(a)) continue;
      for (const b of await listDir(join(dir, a))) {
        for (const name of await listDir(join(dir, a, b))) {
          if (SHA256.test(name) && (await isOlderThan(name, cutoff))) yield name;
        }
      }
    }
  }

  async function removeStaleTemporaryFiles(cutoff: Date): Promise<number> {
    let removed = 0;
    for (const name of await listDir(tmpDir)) {
      const path = join(tmpDir, name);
      const info = await stat(path).catch(() => undefined);
      if (info && info.mtimeMs < cutoff.getTime()) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }

  return {
    put,
    open: openBlob,
    openRandomAccess,
    hashes,
    exists,
    pathOf,
    remove: async (sha256) => {
      await rm(pathOf(sha256), { force: true });
      await rm(pathOf(sha256) + HASHES_SUFFIX, { force: true });
    },
    listOlderThan,
    removeStaleTemporaryFiles,
    isOlderThan,
  };
}

function isBlobHashes(value: unknown, sha256: string): value is BlobHashes {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.sha256 === sha256 &&
    typeof v.sha1 === "string" &&
    /^[0-9a-f]{40}$/.test(v.sha1) &&
    typeof v.md5 === "string" &&
    /^[0-9a-f]{32}$/.test(v.md5) &&
    typeof v.size === "number" &&
    Number.isSafeInteger(v.size)
  );
}

async function listDir(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch {
    return [];
  }
}

/** A stored file on its way out: what a download needs to describe and stream it. */
export interface Download {
  filename: string;
  /** Null when not known before the last byte (an archive built while it streams). */
  size: number | null;
  /** The bytes' SHA-256; null when they are built on the way out (an archive). */
  sha256: string | null;
  stream: Readable;
  /** Sent as this type (default application/octet-stream: never rendered, never sniffed). */
  contentType?: string;
}
