import { readdir, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { z } from "zod";
import { appendAudit } from "../../platform/audit.js";
import { type Actor, systemActor } from "../../platform/auth/actor.js";
import type { Clock } from "../../platform/clock.js";
import type { Config } from "../../platform/config.js";
import type { DatabaseHandle, Db } from "../../platform/db/connect.js";
import { defineJob } from "../../platform/jobs/index.js";
import { type Fence, startLeasedPeriodic } from "../../platform/leased-periodic.js";
import type { Logger } from "../../platform/log.js";
import type { Periodic } from "../../platform/periodic.js";
import type { BackupManifest } from "./manifest.js";
import { writeBackup } from "./write-backup.js";

/** Scheduled archives are named by their time, so the newest sorts last and the oldest go first. */
const SCHEDULED = /^fyr-backup-\d{8}T\d{6}Z\.tar$/;
const scheduledName = (at: Date) =>
  `fyr-backup-${at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "")}.tar`;

export interface BackupRuntime {
  database: DatabaseHandle;
  config: Pick<Config, "databaseUrl" | "dataDir">;
  clock: Clock;
}

/** Writes a backup of this Fyr to `out` and records it in the audit trail (under `fence` when scheduled). */
export async function backUp(
  runtime: BackupRuntime,
  out: string,
  actor: Actor,
  fence?: Fence,
): Promise<BackupManifest> {
  const file = resolve(out);
  const manifest = await writeBackup(
    {
      database: runtime.database,
      databaseUrl: runtime.config.databaseUrl,
      blobsDir: join(runtime.config.dataDir, "blobs"),
      now: runtime.clock.now(),
    },
    file,
  );
  const record = (db: Db) =>
    appendAudit(db, runtime.clock, {
      actor,
      action: "backup.written",
      target: { type: "backup", id: file },
      diff: { file, auditHead: manifest.auditHead, counts: manifest.counts, files: manifest.files.length },
    });
  await (fence ? fence.run(record) : record(runtime.database.db));
  return manifest;
}

/** Keeps the newest `keep` scheduled archives in `dir`; returns the names deleted. */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const names = (await readdir(dir).catch(() => [])).filter((n) => SCHEDULED.test(n)).sort();
  const old = names.slice(0, Math.max(0, names.length - keep));
  for (const name of old) await rm(join(dir, name), { force: true });
  return old;
}

/** A backup the command line asked of the server that owns an embedded database (it alone can dump it). */
export const backupJobSpec = { name: "backup.write", payload: z.object({ out: z.string().min(1) }), maxAttempts: 1 };

export function createBackupJob(runtime: BackupRuntime) {
  return defineJob({
    ...backupJobSpec,
    async handler(payload) {
      await backUp(runtime, payload.out, systemActor("fyr backup"));
    },
  });
}

/**
 * Scheduled backups into FYR_BACKUP_DIR every FYR_BACKUP_HOURS, by one node at a time (lease), the
 * oldest beyond FYR_BACKUP_KEEP deleted once the new one is complete.
 */
export function startScheduledBackups(
  runtime: BackupRuntime,
  options: { dir: string; everyMs: number; keep: number; logger: Logger; node: string; checkMs?: number },
): Periodic {
  return startLeasedPeriodic({
    what: "scheduled backup",
    logger: options.logger,
    intervalMs: options.checkMs ?? 10 * 60_000,
    db: runtime.database.db,
    lease: "backup.scheduled",
    holder: options.node,
    // A backup takes a while: the lease must outlive it.
    ttlMs: 6 * 3_600_000,
    async pass(fence) {
      const names = (await readdir(options.dir).catch(() => [])).filter((n) => SCHEDULED.test(n)).sort();
      const latest = names.at(-1);
      const now = runtime.clock.now();
      if (latest && now.getTime() - parseName(latest) < options.everyMs) return;
      const manifest = await backUp(runtime, join(options.dir, scheduledName(now)), systemActor("backup"), fence);
      const removed = await pruneBackups(options.dir, options.keep);
      options.logger.info({ counts: manifest.counts, removed }, "scheduled backup written");
    },
  });
}

function parseName(name: string): number {
  const m = /(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(name);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) : 0;
}
