import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { type FileHandle, mkdir, open, readdir, rename, rm, stat, utimes } from "node:fs/promises";
import { join } from "node:path";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "../errors.js";

/** Content-addressed file storage (attachments, raw e-mail): files named by their SHA-256. */
export interface BlobStore {
  /**
   * Streams `source` in while hashing; over `maxBytes` throws `attachment_too_large` and keeps nothing.
   * `meter` sees each chunk's size before it is written; if it throws, the put fails with that error
   * and keeps nothing (upload quotas).
   */
  put(source: Readable | Buffer, opts?: PutOptions): Promise<StoredBlob>;
  /** Reads a stored blob; throws `blob_not_found` if it is not there. */
  open(sha256: string): Promise<Readable>;
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

export interface StoredBlob {
  sha256: string;
  size: number;
  /** False when the same content was already stored. */
  created: boolean;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Counts and hashes bytes on their way to disk; fails once more than `maxBytes` went through. */
class HashingLimiter extends Transform {
  readonly hash = createHash("sha256");
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
    const sha256 = limiter.hash.digest("hex");
    const target = pathOf(sha256);
    if (await exists(sha256)) {
      await rm(tmp, { force: true });
      // A fresh time keeps the orphan clean-up away from content that a new row is about to reference.
      const now = new Date();
      await utimes(target, now, now);
      return { sha256, size: limiter.size, created: false };
    }
    const parent = join(dir, sha256.slice(0, 2), sha256.slice(2, 4));
    await mkdir(parent, { recursive: true });
    await rename(tmp, target);
    await fsyncDir(parent);
    return { sha256, size: limiter.size, created: true };
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
    exists,
    pathOf,
    remove: async (sha256) => rm(pathOf(sha256), { force: true }),
    listOlderThan,
    removeStaleTemporaryFiles,
    isOlderThan,
  };
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
  size: number;
  sha256: string;
  stream: Readable;
}
