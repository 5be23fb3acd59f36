import { createHash } from "node:crypto";
import { type Entry, type Reader, Uint8ArrayReader, ZipReader } from "@zip.js/zip.js";
import type { ArchiveEntry, ArchiveListing } from "../../../contract/evidence.js";
import { BlobZipReader } from "../../platform/files/blob-zip-reader.js";
import type { RandomAccessBlob } from "../../platform/files/blobs.js";

// What a ZIP holds — names, sizes and the hashes of what is inside — read in place: nothing is
// extracted to disk, an entry's bytes pass through the hashes and are gone. Archives are what malware
// arrives in, and what zip bombs are made of, so every dimension is bounded (see ARCHIVE_BOUNDS).

export interface ArchiveBounds {
  /** Entries listed, across every level. */
  maxEntries: number;
  /** Uncompressed bytes read (hashed), across every level: a bomb stops here, however it is built. */
  maxBytes: number;
  /** Archives inside archives: levels opened below the file itself. */
  maxDepth: number;
  /** An archive inside an archive is opened in memory: only up to this size. */
  maxNestedBytes: number;
  /** The central directory is read whole (zip.js): only up to this size. */
  maxDirectoryBytes: number;
}

export const ARCHIVE_BOUNDS: ArchiveBounds = {
  maxEntries: 2_000,
  maxBytes: 512 * 1024 * 1024,
  maxDepth: 2,
  maxNestedBytes: 32 * 1024 * 1024,
  maxDirectoryBytes: 16 * 1024 * 1024,
};

// The password the field puts on archives of samples; tried on encrypted entries, nothing else is.
const SAMPLE_PASSWORD = "infected";
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

class BoundReached extends Error {}

interface Walk {
  bounds: ArchiveBounds;
  entries: ArchiveEntry[];
  bytes: number;
  stop: ArchiveListing["stop"];
}

/** Lists a ZIP held in the blob store (entries, sizes, hashes), within `bounds`. Never throws. */
export async function listZip(blob: RandomAccessBlob, bounds: ArchiveBounds = ARCHIVE_BOUNDS): Promise<ArchiveListing> {
  const walk: Walk = { bounds, entries: [], bytes: 0, stop: null };
  const directory = await centralDirectorySize(blob);
  if (directory === null) walk.stop = "unreadable";
  else if (directory > bounds.maxDirectoryBytes) walk.stop = "entries";
  else await listLevel(new BlobZipReader(blob), 0, "", walk);
  return { format: "zip", entries: walk.entries, truncated: walk.stop !== null, stop: walk.stop };
}

async function listLevel(reader: Reader<unknown>, depth: number, prefix: string, walk: Walk): Promise<void> {
  const zip = new ZipReader(reader, { useWebWorkers: false });
  try {
    for await (const entry of zip.getEntriesGenerator()) {
      if (walk.entries.length >= walk.bounds.maxEntries) {
        walk.stop ??= "entries";
        return;
      }
      const listed: ArchiveEntry = {
        path: prefix + entry.filename,
        size: entry.uncompressedSize,
        compressedSize: entry.compressedSize,
        directory: entry.directory,
        encrypted: entry.encrypted,
        depth,
        sha256: null,
        sha1: null,
        md5: null,
      };
      walk.entries.push(listed);
      if (entry.directory || walk.stop === "bytes") continue;
      const nested = await hashEntry(entry, listed, depth, walk);
      if (nested) await listLevel(new Uint8ArrayReader(nested), depth + 1, `${listed.path}/`, walk);
    }
  } catch (err) {
    if (!(err instanceof BoundReached)) walk.stop ??= "unreadable";
  } finally {
    await zip.close().catch(() => undefined);
  }
}

/**
 * Streams one entry through SHA-256, SHA-1 and MD5 (with the password samples carry when encrypted).
 * Answers the entry's bytes when it is itself a ZIP to open one level down, else null.
 */
async function hashEntry(entry: Entry, listed: ArchiveEntry, depth: number, walk: Walk): Promise<Uint8Array | null> {
  if (entry.directory) return null;
  const [sha256, sha1, md5] = [createHash("sha256"), createHash("sha1"), createHash("md5")];
  const mayNest = depth < walk.bounds.maxDepth && entry.uncompressedSize <= walk.bounds.maxNestedBytes;
  let kept: Uint8Array[] | null = mayNest ? [] : null;
  let first = true;
  let size = 0;
  const sink = new WritableStream<Uint8Array>({
    write(chunk) {
      walk.bytes += chunk.length;
      size += chunk.length;
      // The stated size is the attacker's to choose; the bytes actually read are what count.
      if (walk.bytes > walk.bounds.maxBytes) throw new BoundReached();
      if (first) kept = ZIP_MAGIC.every((b, i) => chunk[i] === b) ? kept : null;
      first = false;
      if (kept && size > walk.bounds.maxNestedBytes) kept = null;
      kept?.push(chunk);
      sha256.update(chunk);
      sha1.update(chunk);
      md5.update(chunk);
    },
  });
  try {
    await entry.getData(sink, entry.encrypted ? { password: SAMPLE_PASSWORD } : {});
  } catch (err) {
    if (err instanceof BoundReached || walk.bytes > walk.bounds.maxBytes) {
      walk.stop = "bytes";
      return null;
    }
    // Another password, an unknown method, a damaged entry: listed, not hashed.
    return null;
  }
  listed.sha256 = sha256.digest("hex");
  listed.sha1 = sha1.digest("hex");
  listed.md5 = md5.digest("hex");
  const parts: Uint8Array[] | null = kept;
  return parts ? Buffer.concat(parts) : null;
}

/** The central directory's size from the end records (ZIP64 too), or null when there is none. */
async function centralDirectorySize(blob: RandomAccessBlob): Promise<number | null> {
  // The end record is 22 bytes plus a comment of at most 65,535.
  const tailLength = Math.min(blob.size, 22 + 65_535);
  const tail = Buffer.from(await blob.read(blob.size - tailLength, tailLength));
  for (let at = tail.length - 22; at >= 0; at--) {
    if (tail.readUInt32LE(at) !== 0x06054b50) continue;
    const size = tail.readUInt32LE(at + 12);
    if (size !== 0xffffffff) return size;
    // ZIP64: the locator sits just before the end record and points at the ZIP64 end record.
    if (at < 20 || tail.readUInt32LE(at - 20) !== 0x07064b50) return null;
    const offset = Number(tail.readBigUInt64LE(at - 12));
    const record = Buffer.from(await blob.read(offset, 56));
    if (record.length < 56 || record.readUInt32LE(0) !== 0x06064b50) return null;
    return Number(record.readBigUInt64LE(40));
  }
  return null;
}
