import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { appendAudit } from "../../platform/audit.js";
import type { Config } from "../../platform/config.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError, invalid } from "../../platform/errors.js";
import { readCvePath } from "./import/cve-files.js";
import type { CveRow } from "./import/cve-record.js";
import { readEpssFile } from "./import/epss.js";
import { JsonShapeError } from "./import/json-members.js";
import { type KevEntry, readKevCatalogue } from "./import/kev.js";
import {
  type KnownProduct,
  addKnownProducts,
  kevIsEmpty,
  upsertCveRows,
  upsertEpssScores,
  upsertKevEntries,
} from "./import-store.js";
import { assertMayWorkVulnerabilities } from "./policy.js";
import { type ProductNoticeSender, directMailNotices, noticeNewKevEntries } from "./product-notices.js";
import { keysOf, parseCpe } from "./product-names.js";

/** What an import needs beyond the service context: the CERT's signature for notices, and how they go. */
export type ImportContext = ServiceContext & {
  config: Pick<Config, "cert" | "timeZone" | "publicUrl">;
  notices?: ProductNoticeSender;
};

/** What an import did, for the CLI's last line, the pull's log and the audit entry. */
export interface ImportSummary {
  kind: "kev" | "cve" | "epss";
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** The first refused elements (by position, file or line) and why. */
  rejectedSample: { at: string; message: string }[];
  /** KEV: CVE ids new to the catalogue; notices sent and organisations without a security contact. */
  added?: string[];
  notices?: { sent: number; withoutContact: number };
  /** KEV: the catalogue's version; EPSS: the day scored. */
  version?: string | null;
}

const SAMPLE = 20;

function blank(kind: ImportSummary["kind"]): ImportSummary {
  return { kind, read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, rejectedSample: [] };
}

function reject(summary: ImportSummary, at: string, message: string): void {
  summary.rejected += 1;
  if (summary.rejectedSample.length < SAMPLE) summary.rejectedSample.push({ at, message });
}

const notReadable = (err: unknown, what: string): unknown =>
  err instanceof JsonShapeError ||
  (err instanceof Error && !(err instanceof AppError) && /line \d+|header/.test(err.message))
    ? invalid("vulnerability_file_invalid", `The ${what} file cannot be read: ${err.message}`)
    : err;

async function audit(ctx: ServiceContext, summary: ImportSummary, file: string): Promise<void> {
  await appendAudit(ctx.db, ctx.clock, {
    actor: ctx.actor,
    action: "vulnerability.imported",
    target: { type: "vulnerability_import", id: summary.kind },
    diff: {
      kind: summary.kind,
      file,
      read: summary.read,
      inserted: summary.inserted,
      updated: summary.updated,
      rejected: summary.rejected,
      ...(summary.version !== undefined ? { version: summary.version } : {}),
      ...(summary.notices ? { notices: summary.notices.sent } : {}),
    },
    ip: ctx.ip ?? null,
  });
}

const kevProducts = (entries: readonly KevEntry[]): KnownProduct[] =>
  entries.map((e) => ({
    ...keysOf(e.vendorProject, e.product),
    vendor: e.vendorProject,
    product: e.product,
    cpe: null,
  }));

function cveProducts(rows: readonly CveRow[]): KnownProduct[] {
  const out: KnownProduct[] = [];
  for (const row of rows)
    for (const a of row.affected) {
      const cpe = a.cpes.map(parseCpe).find((c) => c !== null);
      const vendor = a.vendor !== "" && a.vendor !== "n/a" ? a.vendor : (cpe?.vendor ?? "");
      const product = a.product !== "" && a.product !== "n/a" ? a.product : (cpe?.product ?? "");
      out.push({
        ...keysOf(vendor, product),
        vendor,
        product,
        cpe: cpe ? `cpe:2.3:${cpe.part}:${cpe.vendor}:${cpe.product}` : null,
      });
    }
  return out;
}

/**
 * The KEV catalogue, streamed, in one transaction: entries new to Fyr (after the first import, which
 * is the baseline) send notices to the organisations declaring their products, with the import.
 */
export async function importKev(
  ctx: ImportContext,
  body: AsyncIterable<string | Uint8Array>,
  file: string,
): Promise<ImportSummary> {
  assertMayWorkVulnerabilities(ctx.actor);
  const summary = blank("kev");
  try {
    await ctx.db.transaction().execute(async (tx) => {
      const tctx = { ...ctx, db: tx };
      const baseline = await kevIsEmpty(tx);
      const catalogue = readKevCatalogue(body);
      const added: KevEntry[] = [];
      for await (const batch of catalogue.batches) {
        summary.read += batch.entries.length + batch.rejected.length;
        for (const r of batch.rejected) reject(summary, `#${r.index}${r.cve ? ` ${r.cve}` : ""}`, r.message);
        const counts = await upsertKevEntries(tx, batch.entries);
        summary.inserted += counts.inserted;
        summary.updated += counts.updated;
        const fresh = new Set(counts.added);
        added.push(...batch.entries.filter((e) => fresh.has(e.cveID)));
        await addKnownProducts(tx, kevProducts(batch.entries));
      }
      summary.version = typeof catalogue.header.catalogVersion === "string" ? catalogue.header.catalogVersion : null;
      summary.added = added.map((e) => e.cveID);
      summary.notices = baseline
        ? { sent: 0, withoutContact: 0 }
        : await noticeNewKevEntries(tctx, added, ctx.notices ?? directMailNotices(ctx.config));
      summary.unchanged = summary.read - summary.rejected - summary.inserted - summary.updated;
      await audit(tctx, summary, file);
    });
  } catch (err) {
    throw notReadable(err, "KEV");
  }
  return summary;
}

/** CVE records from a file or a cvelistV5 tree; each batch of 500 is its own transaction (an import resumes by running again). */
export async function importCves(ctx: ImportContext, path: string, source = path): Promise<ImportSummary> {
  assertMayWorkVulnerabilities(ctx.actor);
  const summary = blank("cve");
  for await (const batch of readCvePath(path)) {
    summary.read += batch.rows.length + batch.rejected.length;
    for (const r of batch.rejected) reject(summary, r.file, r.message);
    await ctx.db.transaction().execute(async (tx) => {
      const counts = await upsertCveRows(tx, batch.rows);
      summary.inserted += counts.inserted;
      summary.updated += counts.updated;
      await addKnownProducts(tx, cveProducts(batch.rows));
    });
  }
  summary.unchanged = summary.read - summary.rejected - summary.inserted - summary.updated;
  await audit(ctx, summary, source);
  return summary;
}

/**
 * A CVE JSON 5 record downloaded from `url` (FYR_CVE_URL; plain or gzip): written to a scratch file as it
 * arrives (bounded memory), then imported as `fyr vuln import --cve <file>` would, audited under the URL.
 */
export async function importCveDownload(ctx: ImportContext, body: Readable, url: string): Promise<ImportSummary> {
  assertMayWorkVulnerabilities(ctx.actor);
  const dir = await mkdtemp(join(tmpdir(), "fyr-cve-pull-"));
  try {
    const file = join(dir, "record.json");
    const gz = /\.gz$/i.test(new URL(url).pathname);
    if (gz) await pipeline(body, createGunzip(), createWriteStream(file));
    else await pipeline(body, createWriteStream(file));
    return await importCves(ctx, file, url);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A day's EPSS file (plain or .gz); the day comes from its comment line, else `defaultDay`. */
export async function importEpss(
  ctx: ImportContext,
  body: AsyncIterable<Uint8Array>,
  file: string,
  defaultDay: string,
): Promise<ImportSummary> {
  assertMayWorkVulnerabilities(ctx.actor);
  const summary = blank("epss");
  const epss = readEpssFile(body);
  try {
    for await (const batch of epss.batches) {
      summary.read += batch.rows.length + batch.rejected.length;
      for (const r of batch.rejected) reject(summary, `line ${r.line}`, r.message);
      const day = epss.meta.scoreDate ?? defaultDay;
      // Batches of the CSV reader are a chunk's records; a statement per 5,000 keeps them bounded.
      for (let i = 0; i < batch.rows.length; i += 5000) {
        const counts = await upsertEpssScores(ctx.db, batch.rows.slice(i, i + 5000), day, epss.meta.modelVersion);
        summary.inserted += counts.inserted;
        summary.updated += counts.updated;
      }
    }
  } catch (err) {
    throw notReadable(err, "EPSS");
  }
  summary.version = epss.meta.scoreDate ?? defaultDay;
  summary.unchanged = summary.read - summary.rejected - summary.inserted - summary.updated;
  await audit(ctx, summary, file);
  return summary;
}
