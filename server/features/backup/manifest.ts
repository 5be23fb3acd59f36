import { z } from "zod";

// What a backup archive holds, written last into it (server/features/backup/write-backup.ts): the
// files with their hashes, the database dump's kind, and the audit chain's sealed head when it was
// taken (the restored chain must verify and still hold that head).

export const BACKUP_FORMAT = "fyr-backup/1";
export const MANIFEST_NAME = "manifest.json";
/** PGlite's data dir as its own tarball (dumpDataDir), or pg_dump's custom format. */
export const DUMP_NAMES = { pglite: "database/pglite-data-dir.tar", postgres: "database/pg_dump.custom" } as const;
export const BLOBS_PREFIX = "blobs/";

export const ManifestFile = z.object({
  name: z.string(),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ManifestFile = z.infer<typeof ManifestFile>;

export const BackupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.string(),
  fyrVersion: z.string(),
  database: z.object({ kind: z.enum(["pglite", "postgres"]), file: z.string(), migrations: z.array(z.string()) }),
  auditHead: z.object({ seq: z.number().int(), hash: z.string() }),
  counts: z.object({ reports: z.number().int(), incidents: z.number().int(), blobs: z.number().int() }),
  files: z.array(ManifestFile),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

/** A backup or restore that cannot go on; its message is for the operator at the command line. */
export class BackupError extends Error {
  override name = "BackupError";
}
