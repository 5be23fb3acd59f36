import { createGunzip } from "node:zlib";
import { Readable } from "node:stream";
import { readCsv } from "../../../platform/csv.js";

// FIRST's daily EPSS file (epss_scores-YYYY-MM-DD.csv.gz): a comment line
// `#model_version:v2025.03.14,score_date:2025-03-20T12:55:00Z`, a header `cve,epss,percentile`, then one
// row per CVE with the numbers written as strings ("0.00043"). Plain or gzip, told by the magic bytes.

export interface EpssRow {
  cve: string;
  score: number;
  percentile: number;
}

export interface EpssBatch {
  rows: EpssRow[];
  rejected: { line: number; message: string }[];
}

export interface EpssMeta {
  modelVersion: string | null;
  /** The day the scores are for (YYYY-MM-DD); from the comment line, else the caller's default. */
  scoreDate: string | null;
}

const CVE_ID = /^CVE-[0-9]{4}-[0-9]{4,19}$/;
const NUMBER = /^(0(\.\d+)?|1(\.0+)?|\.\d+)(e-?\d+)?$/i;

/** Bytes as given, or gunzipped when they start with gzip's magic (1f 8b). */
export async function* plainOrGunzipped(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const iterator = body[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const head = first.value;
  const rest = (async function* () {
    yield head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  })();
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    for await (const chunk of Readable.from(rest).pipe(createGunzip())) yield chunk as Uint8Array;
  } else yield* rest;
}

/** Reads the comment line's model version and score date. */
export function parseEpssComment(line: string): EpssMeta {
  const model = /model_version:([^,\s]+)/.exec(line)?.[1] ?? null;
  const date = /score_date:(\d{4}-\d{2}-\d{2})/.exec(line)?.[1] ?? null;
  return { modelVersion: model, scoreDate: date };
}

/**
 * Reads the file in batches; `meta` is filled from the comment line as soon as it is read (before the
 * first batch). A row whose numbers are not in [0, 1] or whose CVE id is malformed is refused by line.
 */
export function readEpssFile(body: AsyncIterable<Uint8Array>): { batches: AsyncGenerator<EpssBatch>; meta: EpssMeta } {
  const meta: EpssMeta = { modelVersion: null, scoreDate: null };
  async function* batches(): AsyncGenerator<EpssBatch> {
    let columns: { cve: number; epss: number; percentile: number } | null = null;
    for await (const records of readCsv(plainOrGunzipped(body), { maxRecordLength: 10_000 })) {
      const batch: EpssBatch = { rows: [], rejected: [] };
      for (const { line, fields } of records) {
        const firstField = fields[0] ?? "";
        if (firstField.startsWith("#")) {
          Object.assign(meta, parseEpssComment(fields.join(",")));
          continue;
        }
        if (columns === null) {
          const names = fields.map((f) => f.trim().toLowerCase());
          const at = {
            cve: names.indexOf("cve"),
            epss: names.indexOf("epss"),
            percentile: names.indexOf("percentile"),
          };
          if (at.cve < 0 || at.epss < 0 || at.percentile < 0)
            throw new Error(`line ${line}: the header is not cve,epss,percentile`);
          columns = at;
          continue;
        }
        if (fields.length === 1 && firstField === "") continue;
        const cve = (fields[columns.cve] ?? "").trim().toUpperCase();
        const score = (fields[columns.epss] ?? "").trim();
        const percentile = (fields[columns.percentile] ?? "").trim();
        if (!CVE_ID.test(cve)) batch.rejected.push({ line, message: `"${cve}" is not a CVE id` });
        else if (!NUMBER.test(score) || !NUMBER.test(percentile) || Number(score) > 1 || Number(percentile) > 1)
          batch.rejected.push({ line, message: "epss and percentile must be numbers from 0 to 1" });
        else batch.rows.push({ cve, score: Number(score), percentile: Number(percentile) });
      }
      yield batch;
    }
    if (columns === null) throw new Error("the file has no cve,epss,percentile header");
  }
  return { batches: batches(), meta };
}
