import { PassThrough, Readable } from "node:stream";
import { ZipWriter } from "@zip.js/zip.js";
import { inTransaction } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError } from "../../platform/errors.js";
import type { BlobStore, Download } from "../../platform/files/blobs.js";
import { appendCustody } from "./custody.js";
import { loadVisibleFile } from "./file-access.js";

// A malware sample leaves Fyr only inside an encrypted ZIP with the field's customary password,
// "infected" (MalwareBazaar, VirusTotal, vendors): no mail filter, proxy or virus scanner on the way
// sees the program, nobody opens it by a double click. ZipCrypto, not AES: it is what 7-Zip, unzip,
// Windows Explorer and the field's scripts open — the encryption keeps the bytes from being seen as
// what they are, not from someone who knows the password everyone knows.
// The archive is built as it streams (the entry with a data descriptor): a 1 GB dump never sits in memory.

export const SAMPLE_PASSWORD = "infected";
export const SAMPLE_FORMAT = "zip-zipcrypto";

// eslint-disable-next-line no-control-regex -- control characters and separators never name an entry
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f/\\:]+/g;

/** The entry's name: the file's own, without path separators or control characters. */
export function sampleEntryName(filename: string, sha256: string): string {
  const cleaned = filename.replace(UNSAFE_IN_NAME, "_").replace(/^\.+/, "_").trim().slice(0, 200);
  return cleaned || `${sha256}.bin`;
}

/** Streams the blob as a one-entry ZIP encrypted with ZipCrypto and the password "infected". */
export function sampleZipStream(blobs: BlobStore, sha256: string, entryName: string): Readable {
  const out = new PassThrough();
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  Readable.fromWeb(readable as import("node:stream/web").ReadableStream<Uint8Array>).pipe(out);
  const zip = new ZipWriter(writable, {
    password: SAMPLE_PASSWORD,
    zipCrypto: true,
    useWebWorkers: false,
    // Stored, not deflated: zip.js deflates in JavaScript at about 13 MB/s, which halved the speed of
    // a big sample's download for a few percent of size (samples are mostly packed already).
    level: 0,
  });
  // A client that goes away mid-download stops the archive and closes the blob.
  const stop = new AbortController();
  let blob: Readable | undefined;
  out.once("close", () => {
    if (!out.writableFinished) stop.abort();
    blob?.destroy();
  });
  void (async () => {
    try {
      blob = await blobs.open(sha256);
      const source = Readable.toWeb(blob) as ReadableStream<Uint8Array>;
      await zip.add(entryName, source, { signal: stop.signal });
      await zip.close();
    } catch (err) {
      blob?.destroy();
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  })();
  return out;
}

/** A file of a case, sample or not, as an encrypted ZIP; the export is a custody link. */
export async function downloadSampleZip(ctx: ServiceContext, blobs: BlobStore, fileId: string): Promise<Download> {
  const file = await loadVisibleFile(ctx, fileId);
  if (!(await blobs.exists(file.sha256)))
    throw new AppError("blob_not_found", "not_found", "The stored file is missing");
  await inTransaction(ctx.db, (tx) => appendCustody(tx, ctx, file, { event: "exported", format: SAMPLE_FORMAT }));
  return {
    filename: `${file.sha256}.zip`,
    size: null,
    sha256: null,
    contentType: "application/zip",
    stream: sampleZipStream(blobs, file.sha256, sampleEntryName(file.filename, file.sha256)),
  };
}
