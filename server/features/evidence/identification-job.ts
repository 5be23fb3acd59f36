import { z } from "zod";
import type { Db } from "../../platform/db/connect.js";
import { type WriteBatch, dbOf, writeNowOrLater } from "../../platform/db/write-together.js";
import { AppError } from "../../platform/errors.js";
import type { BlobStore } from "../../platform/files/blobs.js";
import { type AnyJobDefinition, defineJob, enqueue, enqueueWrite } from "../../platform/jobs/index.js";
import { selectUnidentified } from "./unidentified-store.js";
import { identifyFile } from "./identify-file.js";

// Files are identified moments after they arrive, by a job queued with the row that records them (in
// its transaction, like extraction), so a case's files show what they are without anyone opening them.

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const IdentifyPayload = z.object({
  files: z
    .array(
      z.object({
        sha256: Sha256,
        filename: z.string().max(1000).optional(),
        declaredType: z.string().max(300).optional(),
      }),
    )
    .min(1)
    .max(1000),
});
type IdentifyPayload = z.infer<typeof IdentifyPayload>;
const identifySpec = { name: "evidence.identify", payload: IdentifyPayload, maxAttempts: 5 };

const BacklogPayload = z.object({ after: Sha256.nullable() });
const backlogSpec = { name: "evidence.identify-backlog", payload: BacklogPayload, maxAttempts: 5 };
const BACKLOG_BATCH = 100;

/** A file just recorded, as its recording row names it. */
export interface ArrivedFile {
  sha256: string;
  filename?: string;
  declaredType?: string;
}

/**
 * Queues the identification of files a row just recorded. Call it in the transaction (or statement)
 * that writes the row: the job exists exactly when the row does.
 */
export async function queueFileIdentification(db: Db | WriteBatch, files: readonly ArrivedFile[]): Promise<void> {
  if (files.length === 0) return;
  const payload = {
    files: files.map((f) => ({
      ...f,
      filename: f.filename?.slice(0, 1000),
      declaredType: f.declaredType?.slice(0, 300),
    })),
  };
  await writeNowOrLater(db, [enqueueWrite(dbOf(db), identifySpec, payload)]);
}

/** Queues the walk over every file recorded before identification existed (`fyr evidence identify`). */
export async function queueIdentificationBacklog(db: Db): Promise<number> {
  return enqueue(db, backlogSpec, { after: null });
}

async function identifyAll(db: Db, blobs: BlobStore, files: IdentifyPayload["files"], now: Date): Promise<void> {
  for (const file of files) {
    try {
      await identifyFile(db, blobs, file.sha256, file, now);
    } catch (err) {
      // Bytes that are gone cannot be identified, now or on a retry; the page says so.
      if (!(err instanceof AppError && err.code === "blob_not_found")) throw err;
    }
  }
}

/** The jobs that identify new files and the backlog of old ones. */
export function createIdentificationJobs(blobs: BlobStore): AnyJobDefinition[] {
  const identify = defineJob({
    ...identifySpec,
    async handler(payload, ctx) {
      await identifyAll(ctx.db, blobs, payload.files, ctx.clock.now());
    },
  });
  const backlog = defineJob({
    ...backlogSpec,
    async handler(payload, ctx) {
      const batch = await selectUnidentified(ctx.db, payload.after, BACKLOG_BATCH);
      await identifyAll(ctx.db, blobs, batch, ctx.clock.now());
      // One batch per run, then the next as its own job: the walk never holds a worker for long.
      const last = batch.at(-1);
      if (batch.length === BACKLOG_BATCH && last) await enqueue(ctx.db, backlogSpec, { after: last.sha256 });
    },
  });
  return [identify, backlog];
}
