import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import type { CliCommand } from "../../../cli.js";
import { systemActor } from "../../../platform/auth/actor.js";
import { systemClock } from "../../../platform/clock.js";
import type { ConstituencyImportFormat } from "../../../platform/db/tables/constituency-imports.js";
import { AppError } from "../../../platform/errors.js";
import { type ImportFile, plainBytes } from "./import-files.js";
import type { ConstituencyImportRow } from "./imports-store.js";
import { applyImport, readImport } from "./run-import.js";

const FORMATS: readonly ConstituencyImportFormat[] = ["ripe", "csv"];
const ERRORS_PRINTED = 50;

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "");

/** The diff as lines a person reads: one per kind, then the errors by file and line. */
export function diffLines(row: ConstituencyImportRow): string[] {
  const lines = Object.entries(row.counts).map(
    ([kind, c]) => `${kind}: ${c.added} added, ${c.changed} changed, ${c.removed} removed, ${c.kept} kept`,
  );
  for (const e of row.errors.slice(0, ERRORS_PRINTED)) lines.push(`  ${e.file}:${e.line}: ${e.message}`);
  if (row.error_count > ERRORS_PRINTED) lines.push(`  … ${row.error_count - ERRORS_PRINTED} more errors`);
  return lines;
}

const summary = (row: ConstituencyImportRow) => ({
  id: row.id,
  status: row.status,
  format: row.format,
  objectsRead: row.objects_read,
  errors: row.error_count,
  counts: row.counts,
});

/** `fyr constituency import`: reads RIPE split files or CSV, prints the diff, applies it unless --dry-run. */
export const constituencyImportCommands: Record<string, CliCommand> = {
  "constituency import": {
    usage:
      "fyr constituency import --format ripe|csv [--country SE] [--orgs ORG-A,ORG-B] [--skip-invalid] [--dry-run] FILE...   (plain or .gz)",
    async run(args, io) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: {
          format: { type: "string" },
          country: { type: "string" },
          orgs: { type: "string" },
          "skip-invalid": { type: "boolean" },
          "dry-run": { type: "boolean" },
        },
      });
      const format = values.format as ConstituencyImportFormat;
      if (!FORMATS.includes(format)) {
        io.err(`fyr: --format must be one of ${FORMATS.join(", ")}`);
        return 64;
      }
      if (positionals.length === 0) {
        io.err("fyr: name at least one FILE");
        return 64;
      }
      if (format === "csv" && values.country !== undefined) {
        io.err("fyr: --country filters RIPE objects by their country: attribute; a CSV file has none");
        return 64;
      }
      const files: ImportFile[] = positionals.map((path) => ({
        name: basename(path),
        open: () => plainBytes(createReadStream(path, { highWaterMark: 1 << 20 })),
      }));
      const ctx = { db: io.database.db, actor: systemActor("cli"), clock: systemClock };
      try {
        const preview = await readImport(ctx, {
          format,
          files,
          countries: list(values.country),
          orgs: list(values.orgs),
          skipInvalid: values["skip-invalid"] === true,
        });
        for (const line of diffLines(preview)) io.out(line);
        let result = preview;
        if (values["dry-run"] === true) io.out(`dry run: nothing applied (preview ${preview.id})`);
        else if (preview.error_count > 0 && values["skip-invalid"] !== true) {
          io.out(`${preview.error_count} errors: nothing applied (--skip-invalid leaves the bad objects out)`);
        } else {
          result = await applyImport(ctx, preview.id);
          io.out(`applied (import ${result.id})`);
        }
        io.out(JSON.stringify(summary(result)));
        return result.error_count > 0 && values["skip-invalid"] !== true ? 1 : 0;
      } catch (err) {
        io.err(`fyr: ${err instanceof AppError || err instanceof Error ? err.message : String(err)}`);
        return 1;
      }
    },
  },
};
