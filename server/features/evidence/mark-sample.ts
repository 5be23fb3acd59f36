import type { MarkSampleInput } from "../../../contract/evidence.js";
import { inTransaction } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { conflict, forbidden } from "../../platform/errors.js";
import { worksCases } from "../../platform/tlp.js";
import { appendCustody } from "./custody.js";
import { loadVisibleFile } from "./file-access.js";
import { insertSampleMark } from "./sample-store.js";

/**
 * Marks a file as a malware sample, with why: from now on its bytes — from this case and from any other
 * the viewer sees holding the same content — leave only as an encrypted ZIP. A custody link with its
 * audit entry. Visibility first (404), then the role (403): an observer learns nothing of hidden files.
 */
export async function markSample(ctx: ServiceContext, fileId: string, input: MarkSampleInput): Promise<void> {
  const file = await loadVisibleFile(ctx, fileId);
  if (!worksCases(ctx.actor)) throw forbidden("forbidden", "Your roles do not allow marking samples");
  await inTransaction(ctx.db, async (tx) => {
    const marked = await insertSampleMark(tx, {
      file_id: file.id,
      file_kind: file.kind,
      case_kind: file.case_kind,
      case_id: file.case_id,
      sha256: file.sha256,
      reason: input.reason,
      marked_by: ctx.actor.kind === "user" ? ctx.actor.userId : null,
      marked_at: ctx.clock.now(),
    });
    if (!marked) throw conflict("file_already_sample", "This file is already marked as a sample");
    await appendCustody(tx, ctx, file, { event: "marked_sample", reason: input.reason });
  });
}
