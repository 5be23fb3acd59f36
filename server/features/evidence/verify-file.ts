import { createHash } from "node:crypto";
import { pipeline } from "node:stream/promises";
import { inTransaction } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError, forbidden } from "../../platform/errors.js";
import type { BlobStore } from "../../platform/files/blobs.js";
import { worksCases } from "../../platform/tlp.js";
import { appendCustody } from "./custody.js";
import { loadVisibleFile } from "./file-access.js";

/**
 * Reads the stored bytes again and checks they still hash to the SHA-256 they were received under —
 * what a custody record can then state ("verified intact at …"). The check is a custody link; bytes
 * that are gone or changed are recorded as not intact. Case workers only (it writes the record).
 */
export async function verifyFile(ctx: ServiceContext, blobs: BlobStore, fileId: string): Promise<{ intact: boolean }> {
  const file = await loadVisibleFile(ctx, fileId);
  if (!worksCases(ctx.actor)) throw forbidden("forbidden", "Your roles do not allow verifying files");
  const hash = createHash("sha256");
  let intact: boolean;
  try {
    await pipeline(await blobs.open(file.sha256), hash);
    intact = hash.digest("hex") === file.sha256;
  } catch (err) {
    if (!(err instanceof AppError && err.code === "blob_not_found")) throw err;
    intact = false;
  }
  await inTransaction(ctx.db, (tx) => appendCustody(tx, ctx, file, { event: "verified", intact }));
  return { intact };
}
