import { createReadStream } from "node:fs";
import { parseArgs } from "node:util";
import type { CliCommand } from "../../cli.js";
import { systemActor } from "../../platform/auth/actor.js";
import { systemClock } from "../../platform/clock.js";
import { dayIn } from "./days.js";
import { type ImportSummary, importCves, importEpss, importKev } from "./run-import.js";

function lines(summary: ImportSummary): string[] {
  const out = [
    `${summary.kind}: ${summary.read} read, ${summary.inserted} new, ${summary.updated} changed, ${summary.unchanged} unchanged, ${summary.rejected} refused`,
  ];
  if (summary.notices && summary.notices.sent + summary.notices.withoutContact > 0)
    out.push(
      `notices: ${summary.notices.sent} sent, ${summary.notices.withoutContact} organisations without a security contact`,
    );
  for (const r of summary.rejectedSample) out.push(`  ${r.at}: ${r.message}`);
  if (summary.rejected > summary.rejectedSample.length)
    out.push(`  … ${summary.rejected - summary.rejectedSample.length} more refused`);
  return out;
}

/**
 * `fyr vuln import`: the KEV catalogue, CVE JSON 5 records (a file or a cvelistV5 tree) or an EPSS day
 * (plain or .gz). Like every command, it reaches a running server's embedded database over the data
 * dir's socket (server/cli.ts, platform/db/open-data-dir.ts), so its writes land in that instance.
 */
export const vulnerabilityCommands: Record<string, CliCommand> = {
  "vuln import": {
    usage:
      "fyr vuln import --kev FILE | --cve FILE|DIR | --epss FILE   (EPSS plain or .gz; the last line of output is the summary as JSON)",
    async run(args, io) {
      const { values } = parseArgs({
        args,
        options: { kev: { type: "string" }, cve: { type: "string" }, epss: { type: "string" } },
      });
      const given = (["kev", "cve", "epss"] as const).filter((k) => values[k] !== undefined);
      const [kind] = given;
      if (given.length !== 1 || kind === undefined) {
        io.err("fyr: give one of --kev FILE, --cve FILE|DIR, --epss FILE");
        return 64;
      }
      const path = values[kind] ?? "";
      const ctx = { db: io.database.db, actor: systemActor("cli"), clock: systemClock, config: io.config };
      try {
        const summary =
          kind === "kev"
            ? await importKev(ctx, createReadStream(path, { highWaterMark: 1 << 16 }), path)
            : kind === "cve"
              ? await importCves(ctx, path)
              : await importEpss(
                  ctx,
                  createReadStream(path, { highWaterMark: 1 << 16 }),
                  path,
                  dayIn(systemClock.now(), io.config.timeZone),
                );
        for (const line of lines(summary)) io.out(line);
        io.out(JSON.stringify(summary));
        return 0;
      } catch (err) {
        io.err(`fyr: ${err instanceof Error ? err.message : String(err)}`);
        return 1;
      }
    },
  },
};
