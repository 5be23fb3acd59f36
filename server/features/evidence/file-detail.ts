import type { FileDetail } from "../../../contract/evidence.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError } from "../../platform/errors.js";
import type { BlobStore } from "../../platform/files/blobs.js";
import { worksCases } from "../../platform/tlp.js";
import { selectFilesBySha256 } from "./case-files-store.js";
import { custodyChain, receiptOf } from "./custody.js";
import { loadVisibleFile } from "./file-access.js";
import { identifyFile, profileParts } from "./identify-file.js";
import type { ProfileRow } from "./profile-store.js";
import { caseOf, presentCaseFile } from "./present-file.js";
import { selectVisibleSampleMarks } from "./sample-store.js";

const ALSO_IN = 50;

/**
 * A file's page: what its bytes are (identified now if no one asked before — files stored before
 * identification existed are caught up on first view), its hashes, archive entries or message, sample
 * marks, its whole chain of custody and the other cases the viewer sees holding the same content.
 */
export async function getFileDetail(ctx: ServiceContext, blobs: BlobStore, id: string): Promise<FileDetail> {
  const file = await loadVisibleFile(ctx, id);
  const profile = await identifyFile(ctx.db, blobs, file.sha256, {
    filename: file.filename,
    declaredType: file.declared_type,
  }).catch((err: unknown): ProfileRow | undefined => {
    // The bytes are gone (a broken store): the record still shows what was received and when.
    if (err instanceof AppError && err.code === "blob_not_found") return undefined;
    throw err;
  });
  const [marks, custody, same] = await Promise.all([
    selectVisibleSampleMarks(ctx.db, ctx.actor, file.sha256),
    custodyChain(ctx.db, file, file.id),
    selectFilesBySha256(ctx.db, ctx.actor, file.sha256, ALSO_IN + 1),
  ]);
  const parts = profile ? profileParts(profile) : { archive: null, message: null };
  const markedHere = marks.some((m) => m.file_id === file.id);
  return {
    ...presentCaseFile(file, profile),
    sha1: profile?.sha1 ?? null,
    md5: profile?.md5 ?? null,
    receipt: receiptOf(file),
    archive: parts.archive,
    message: parts.message,
    sampleMarks: marks.map((m) => ({
      reason: m.reason,
      by: m.marked_by ? { id: m.marked_by, name: m.marked_by_name ?? "", email: m.marked_by_email } : null,
      at: m.marked_at.toISOString(),
      onThisFile: m.file_id === file.id,
      case: caseOf(m),
    })),
    custody,
    alsoIn: same
      .filter((f) => f.id !== file.id)
      .slice(0, ALSO_IN)
      .map((f) => ({ ...caseOf(f), fileId: f.id, filename: f.filename })),
    canMark: worksCases(ctx.actor) && !markedHere,
    canVerify: worksCases(ctx.actor),
  };
}
