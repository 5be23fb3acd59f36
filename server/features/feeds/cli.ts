import { createReadStream } from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import type { CliCommand } from "../../cli.js";
import { systemActor } from "../../platform/auth/actor.js";
import { systemClock } from "../../platform/clock.js";
import { AppError } from "../../platform/errors.js";
import { createBlobStore } from "../../platform/files/blobs.js";
import { parseColumnMappingText } from "../../../contract/feed-events.js";
import type { FeedFormat } from "../../platform/db/tables/feeds.js";
import { presentRun } from "./present.js";
import { registryOwners } from "./registry-owners.js";
import { offlineEnricher } from "./enrich/offline-enricher.js";
import { runFeedFile } from "./run-feed-file.js";
import { ensureSource } from "./sources.js";

const FORMATS: readonly FeedFormat[] = ["shadowserver", "intelmq", "csv", "json"];

/** `fyr feed import`: reads feed files (plain, .gz, .zip) into events, one run per file. */
export const feedCommands: Record<string, CliCommand> = {
  "feed import": {
    usage:
      "fyr feed import [--format shadowserver|intelmq|csv|json] [--report-type NAME] [--source NAME] [--map 'col=source.ip,…'] FILE...   (plain, .gz or .zip; the last line of output is the runs as JSON)",
    async run(args, io) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: {
          format: { type: "string" },
          "report-type": { type: "string" },
          source: { type: "string" },
          map: { type: "string" },
        },
      });
      const format = (values.format ?? "shadowserver") as FeedFormat;
      if (!FORMATS.includes(format)) {
        io.err(`fyr: --format must be one of ${FORMATS.join(", ")}`);
        return 64;
      }
      let mapping;
      if (values.map !== undefined) {
        const parsed = parseColumnMappingText(values.map);
        if (!parsed.success) {
          io.err(
            `fyr: --map: ${parsed.error.issues.map((i) => [i.path.join("."), i.message].filter(Boolean).join(": ")).join("; ")}`,
          );
          return 64;
        }
        mapping = parsed.data;
      }
      if (positionals.length === 0) {
        io.err("fyr: name at least one FILE");
        return 64;
      }
      const base = { db: io.database.db, actor: systemActor("cli"), clock: systemClock };
      const ctx = {
        ...base,
        blobs: createBlobStore(join(io.config.dataDir, "blobs")),
        owners: registryOwners(base),
        enrich: offlineEnricher({ reverseDns: io.config.feedReverseDns }),
      };
      // A first import needs no set-up: the source is made, named after the format, on first use.
      let source;
      try {
        source = await ensureSource(ctx, { name: values.source ?? format, format, mapping });
      } catch (err) {
        io.err(`fyr: ${err instanceof Error ? err.message : String(err)}`);
        return 64;
      }
      let failed = 0;
      const summary: Record<string, unknown>[] = [];
      for (const file of positionals) {
        try {
          const run = await runFeedFile(ctx, {
            source: source.name,
            fileName: basename(file),
            via: "cli",
            body: createReadStream(file),
            reportType: values["report-type"],
          });
          io.out(
            `${file}: ${run.rows_read} rows, ${run.events_stored} events stored, ${run.duplicates} duplicates, ${run.malformed} malformed (run ${run.id})`,
          );
          for (const bad of run.malformed_sample) io.out(`  line ${bad.line}: ${bad.message}`);
          summary.push({ file, ...presentRun(run, source) });
        } catch (err) {
          failed += 1;
          summary.push({ file, error: err instanceof Error ? err.message : String(err) });
          io.err(`${file}: ${err instanceof AppError || err instanceof Error ? err.message : String(err)}`);
        }
      }
      // The contract: the run ids and counts as the last line, as JSON (one object per file).
      io.out(JSON.stringify(summary.length === 1 ? summary[0] : summary));
      return failed === 0 ? 0 : 1;
    },
  },
};
