import type { Config } from "../../platform/config.js";
import { inTransaction } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import type { BlobStore } from "../../platform/files/blobs.js";
import { custodyChain } from "./custody.js";
import { appendCustody } from "./custody.js";
import { renderCustodyRecord } from "./custody-record-html.js";
import type { RecordLanguage } from "./custody-record-words.js";
import { loadVisibleFile } from "./file-access.js";
import { identifyFile } from "./identify-file.js";
import { caseOf, detectedOf } from "./present-file.js";
import { selectVisibleSampleMarks } from "./sample-store.js";

/**
 * A file's chain of custody as a printable page, for a police report: the case, the file and its
 * hashes, how it was received and every event since with its UTC time and person. Producing it is a
 * custody event itself, written first, so the record names who produced it and when.
 */
export async function custodyRecord(
  ctx: ServiceContext & { config: Config },
  blobs: BlobStore,
  fileId: string,
  language: RecordLanguage,
): Promise<string> {
  const file = await loadVisibleFile(ctx, fileId);
  const producedAt = ctx.clock.now();
  await inTransaction(ctx.db, (tx) => appendCustody(tx, ctx, file, { event: "custody_record", language }));
  const profile = await identifyFile(ctx.db, blobs, file.sha256).catch(() => undefined);
  const [marks, custody] = await Promise.all([
    selectVisibleSampleMarks(ctx.db, ctx.actor, file.sha256),
    custodyChain(ctx.db, file, file.id),
  ]);
  const mark = marks.find((m) => m.file_id === file.id) ?? marks[0];
  return renderCustodyRecord(
    {
      certName: ctx.config.cert.name,
      case: caseOf(file),
      producedAt,
      producedBy:
        ctx.actor.kind === "user" ? { name: ctx.actor.name, email: ctx.actor.email } : { name: "system", email: null },
      file: {
        filename: file.filename,
        kind: file.kind,
        declaredType: file.declared_type,
        detected: detectedOf(file, profile),
        size: file.size,
        sha256: file.sha256,
        sha1: profile?.sha1 ?? null,
        md5: profile?.md5 ?? null,
        sample: mark ? { reason: mark.reason } : null,
      },
      custody,
    },
    language,
  );
}
