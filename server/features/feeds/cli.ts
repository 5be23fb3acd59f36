import { createReadStream } from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import type { CliCommand } from "../../cli.js";
import { systemActor } from "../../platform/auth/actor.js";
import { systemClock } from "../../platform/clock.js";
import { AppError } from "../../platform/errors.js";
import { createBlobStore } from "../../platform/files/blobs.js";
import type { FeedFormat } from "../../platform/db/tables/feeds.js";
import { runFeedFile } from "./run-feed-file.js";
import { ensureSource } from "./sources.js";

const FORMATS: readonly FeedFormat[] = ["shadowserver", "intelmq"];

/** `fyr feed import`: reads feed files (plain, .gz, .zip) into events, one run per file. */
export const feedCommands: Record<string, CliCommand> = {
  "feed import": {
    usage:
      "fyr feed import [--format shadowserver|intelmq] [--report-type NAME] [--source NAME] FILE...   (plain, .gz or .zip)",
    async run(args, io) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { format: { type: "string" }, "report-type": { type: "string" }, source: { type: "string" } },
      });
      const format = (values.format ?? "shadowserver") as FeedFormat;
      if (!FORMATS.includes(format)) {
        io.err(`fyr: --format must be one of ${FORMATS.join(", ")}`);
        return 64;
      }
      if (positionals.length === 0) {
        io.err("fyr: name at least one FILE");
        return 64;
      }
      const ctx = {
        db: io.database.db,
        actor: systemActor("cli"),
        clock: systemClock,
        blobs: createBlobStore(join(io.config.dataDir, "blobs")),
      };
      // A first import needs no set-up: the source is made, named after the format, on first use.
      const source = await ensureSource(ctx, { name: values.source ?? format, format });
      let failed = 0;
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
        } catch (err) {
          failed += 1;
          io.err(`${file}: ${err instanceof AppError || err instanceof Error ? err.message : String(err)}`);
        }
      }
      return failed === 0 ? 0 : 1;
    },
  },
};
