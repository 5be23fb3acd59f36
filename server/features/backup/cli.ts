import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import type { CliCommand } from "../../cli.js";
import { appendAudit } from "../../platform/audit.js";
import { systemActor } from "../../platform/auth/actor.js";
import { systemClock } from "../../platform/clock.js";
import { openDatabase } from "../../platform/db/connect.js";
import { enqueue } from "../../platform/jobs/index.js";
import { BackupError } from "./manifest.js";
import { restoreBackup } from "./restore-backup.js";
import { backUp, backupJobSpec } from "./service.js";

const defaultName = () =>
  `fyr-backup-${new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "")}.tar`;

/** `fyr backup [--out FILE]` and `fyr restore FILE`. */
export const backupCommands: Record<string, CliCommand> = {
  backup: {
    usage: "fyr backup [--out FILE]   (one archive: database dump, files, manifest; Fyr keeps running)",
    async run(args, io) {
      const { values } = parseArgs({ args, options: { out: { type: "string" } }, strict: true });
      const out = resolve(values.out ?? defaultName());
      try {
        if (io.database.kind === "pglite" && !io.database.dump) {
          // The embedded database belongs to the running server: its worker writes the archive.
          const id = await enqueue(io.database.db, backupJobSpec, { out });
          io.err(`the running server writes the backup (job ${id})…`);
          const status = await waitForJob(io.database.db, id);
          if (status.status !== "done")
            throw new BackupError(`the server's backup failed: ${status.last_error ?? status.status}`);
          io.out(`backup written: ${out}`);
          return 0;
        }
        const manifest = await backUp(
          { database: io.database, config: io.config, clock: systemClock },
          out,
          systemActor("fyr backup"),
        );
        io.out(
          `backup written: ${out} (${manifest.counts.reports} reports, ${manifest.counts.blobs} files, audit head ${manifest.auditHead.seq})`,
        );
        return 0;
      } catch (err) {
        if (!(err instanceof BackupError)) throw err;
        io.err(`fyr backup: ${err.message}`);
        return 1;
      }
    },
  },
  restore: {
    usage: "fyr restore FILE   (into an empty FYR_DATA_DIR, and an empty DATABASE_URL database on PostgreSQL)",
    // runCli calls runStandalone: it must not open (and so create and migrate) the place it restores into.
    run: () => Promise.reject(new Error("fyr restore runs without an open database")),
    async runStandalone(args, io) {
      const { positionals } = parseArgs({ args, allowPositionals: true, strict: true });
      const file = positionals[0];
      if (!file || positionals.length > 1) {
        io.err("usage: fyr restore FILE");
        return 64;
      }
      const url = io.config.databaseUrl;
      try {
        const manifest = await restoreBackup(
          resolve(file),
          url ? { kind: "postgres", url, dataDir: io.config.dataDir } : { kind: "pglite", dataDir: io.config.dataDir },
        );
        // The restored trail says where it came from (sealed into the chain by the first worker to start).
        const handle = url
          ? await openDatabase({ kind: "postgres", url, poolSize: 1 })
          : await openDatabase({ kind: "pglite", dataDir: io.config.dataDir, owner: "cli" });
        try {
          await appendAudit(handle.db, systemClock, {
            actor: systemActor("fyr restore"),
            action: "backup.restored",
            target: { type: "backup", id: resolve(file) },
            diff: { createdAt: manifest.createdAt, auditHead: manifest.auditHead, counts: manifest.counts },
          });
        } finally {
          await handle.close();
        }
        io.out(
          `restored ${manifest.counts.reports} reports and ${manifest.counts.blobs} files from a backup of ${manifest.createdAt}`,
        );
        return 0;
      } catch (err) {
        if (!(err instanceof BackupError)) throw err;
        io.err(`fyr restore: ${err.message}`);
        return 1;
      }
    },
  },
};

async function waitForJob(db: Parameters<typeof enqueue>[0], id: number) {
  for (;;) {
    const row = await db
      .selectFrom("jobs")
      .select(["status", "last_error"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    if (row.status === "done" || row.status === "failed") return row;
    await sql`select pg_sleep(0.5)`.execute(db);
  }
}
