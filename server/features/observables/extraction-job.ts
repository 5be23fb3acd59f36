import { z } from "zod";
import type { TypedValue } from "../../../contract/observables.js";
import type { Db } from "../../platform/db/connect.js";
import { type WriteBatch, dbOf, writeNowOrLater } from "../../platform/db/write-together.js";
import type { BlobStore } from "../../platform/files/blobs.js";
import { type JobDefinition, defineJob, enqueueWrite } from "../../platform/jobs/index.js";
import { describeFileForExtraction } from "../evidence/describe-for-extraction.js";
import { extractFromStream, extractObservables } from "./extract/index.js";
import { type NewSighting, replaceSourceSightings } from "./record-sightings.js";
import {
  EXTRACTION_SOURCE_KINDS,
  type ExtractionSource,
  type ExtractionSourceKind,
  selectExtractionSources,
} from "./sources-store.js";

const ExtractPayload = z.object({ source: z.enum(EXTRACTION_SOURCE_KINDS), id: z.uuid() });
const extractSpec = { name: "observables.extract", payload: ExtractPayload, maxAttempts: 8 };

/**
 * Queues the extraction of observables from a row just written (and the files that came with it). Call
 * it in the transaction that writes the row: the job exists exactly when the row does.
 */
export async function queueExtraction(db: Db | WriteBatch, source: ExtractionSourceKind, id: string): Promise<void> {
  await writeNowOrLater(db, [enqueueWrite(dbOf(db), extractSpec, { source, id })]);
}

// Files read as text (issue 5: txt, log, csv, json, eml, html); anything else gives only its own hash.
const TEXT_TYPES = /^(text\/|application\/(json|csv|xml|xhtml\+xml|x-ndjson)|message\/rfc822)/i;
const TEXT_EXTENSIONS = /\.(txt|log|csv|tsv|json|ndjson|eml|html?|xml|md)$/i;

function isTextFile(file: NonNullable<ExtractionSource["file"]>): boolean {
  return TEXT_TYPES.test(file.contentType) || TEXT_EXTENSIONS.test(file.filename);
}

async function valuesOf(db: Db, source: ExtractionSource, blobs: BlobStore): Promise<TypedValue[]> {
  if (source.file === null) return source.text === null ? [] : extractObservables(source.text);
  // Its SHA-256, SHA-1 and MD5 and the hashes of what it holds (evidence identifies it by its bytes).
  const file = await describeFileForExtraction(db, blobs, source.file);
  const values = [...file.values];
  // A mail file is read as mail (headers and decoded body), not as its raw MIME.
  if (file.messageText !== null) values.push(...extractObservables(file.messageText));
  // Streamed: a 1 GB log is read a chunk at a time, never whole. A program called .txt is not text.
  else if (file.textLike || (!file.binary && isTextFile(source.file)))
    values.push(...(await extractFromStream(await blobs.open(source.file.sha256))).values);
  return values;
}

/** The job that reads a row's text and files and records what it finds; running it again writes nothing new. */
export function createExtractionJob(blobs: BlobStore): JobDefinition<z.infer<typeof ExtractPayload>> {
  return defineJob({
    ...extractSpec,
    async handler(payload, ctx) {
      const sources = await selectExtractionSources(ctx.db, payload.source, payload.id);
      const sightings: NewSighting[] = [];
      for (const source of sources) {
        const { caseKind, caseId, origin, originId, seenAt } = source;
        for (const value of await valuesOf(ctx.db, source, blobs))
          sightings.push({ value, caseKind, caseId, origin, originId, seenAt });
      }
      // Replaced, not added to: a job run again after its first run committed writes the same once.
      if (sources.length > 0)
        await ctx.db.transaction().execute((tx) => replaceSourceSightings(tx, sources, sightings));
    },
  });
}
