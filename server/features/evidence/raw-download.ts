import type { Readable } from "node:stream";
import { inTransaction } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import type { BlobStore, Download } from "../../platform/files/blobs.js";
import type { CaseFileRow } from "./case-files-store.js";
import { type CustodyAudit, appendCustody } from "./custody.js";
import { loadVisibleFile, sampleRefused } from "./file-access.js";

// Every route that hands out a file's own bytes goes through here, so there is one place that refuses a
// malware sample (it leaves only as an encrypted ZIP) and one place that writes the custody link.

/**
 * Opens a case's file for a raw download through `route`: a sample (marked in any case the viewer sees
 * that holds the same bytes) is refused with 409 `file_is_sample`; every download is a custody link,
 * written with its audit entry. Callers that check the case themselves pass their own audit action.
 */
export async function openRawDownload(
  ctx: ServiceContext,
  blobs: BlobStore,
  fileId: string,
  route: string,
  audit?: CustodyAudit,
): Promise<Download> {
  const file = await loadVisibleFile(ctx, fileId);
  if (file.sample) throw sampleRefused();
  const stream = await openLogged(ctx, blobs, file, route, audit);
  return { filename: file.filename, size: file.size, sha256: file.sha256, stream };
}

async function openLogged(
  ctx: ServiceContext,
  blobs: BlobStore,
  file: CaseFileRow,
  route: string,
  audit?: CustodyAudit,
): Promise<Readable> {
  const stream = await blobs.open(file.sha256);
  try {
    await inTransaction(ctx.db, (tx) => appendCustody(tx, ctx, file, { event: "downloaded", route }, audit));
  } catch (err) {
    stream.destroy();
    throw err;
  }
  return stream;
}
