import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readdir, rename, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "kysely";
import tar from "tar-stream";
import type { DatabaseHandle } from "../../platform/db/connect.js";
import { readSealedHead } from "../../platform/audit-sealer.js";
import { fyrVersion } from "../../platform/nodes.js";
import {
  BACKUP_FORMAT,
  BackupError,
  BLOBS_PREFIX,
  type BackupManifest,
  DUMP_NAMES,
  MANIFEST_NAME,
  type ManifestFile,
} from "./manifest.js";

export interface BackupSource {
  database: DatabaseHandle;
  /** PostgreSQL's URL, for pg_dump (absent on PGlite). */
  databaseUrl?: string | undefined;
  /** The blob store's directory (<data dir>/blobs). */
  blobsDir: string;
  now: Date;
}

/**
 * Writes one archive to `outFile` while Fyr keeps running: the database dump first (PGlite's data dir
 * with no transaction half-way, or pg_dump's snapshot), then the blob store, then the manifest with
 * every file's SHA-256 and the audit head. Blobs are content-addressed and written before the rows
 * that name them commit, so every blob the dump refers to is in the archive (later ones are extra).
 * Written to a temporary name and renamed at the end: a half-written archive never has the final name.
 */
export async function writeBackup(source: BackupSource, outFile: string): Promise<BackupManifest> {
  const { database } = source;
  const head = await readSealedHead(database.db);
  const [migrations, reports, incidents] = await Promise.all([
    sql<{ name: string }>`select name from schema_migrations order by name`.execute(database.db),
    sql<{ n: number }>`select count(*)::int as n from reports`.execute(database.db),
    sql<{ n: number }>`select count(*)::int as n from incidents`.execute(database.db),
  ]);
  const work = await mkdtemp(join(tmpdir(), "fyr-backup-"));
  const partial = `${outFile}.${randomBytes(6).toString("hex")}.part`;
  await mkdir(dirname(outFile), { recursive: true });
  const files: ManifestFile[] = [];
  try {
    const dump = await dumpDatabase(source, work);
    const pack = tar.pack();
    const written = pipeline(pack, createWriteStream(partial, { flags: "wx" }));
    const add = async (name: string, path: string, bytes: number) => {
      const hash = createHash("sha256");
      const entry = pack.entry({ name, size: bytes, mode: 0o600 });
      const hashing = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      });
      await pipeline(createReadStream(path), hashing, entry);
      files.push({ name, bytes, sha256: hash.digest("hex") });
    };
    await add(dump.name, dump.path, (await stat(dump.path)).size);
    let blobs = 0;
    for await (const path of blobFiles(source.blobsDir)) {
      const info = await stat(path).catch(() => null);
      if (!info) continue; // a temporary file renamed away meanwhile
      await add(BLOBS_PREFIX + relative(source.blobsDir, path).split(sep).join("/"), path, info.size);
      blobs++;
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: source.now.toISOString(),
      fyrVersion: fyrVersion(),
      database: { kind: database.kind, file: dump.name, migrations: migrations.rows.map((r) => r.name) },
      auditHead: { seq: head?.seq ?? 0, hash: head?.hash ?? "0".repeat(64) },
      counts: { reports: reports.rows[0]?.n ?? 0, incidents: incidents.rows[0]?.n ?? 0, blobs },
      files,
    };
    const text = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    pack.entry({ name: MANIFEST_NAME, size: text.length, mode: 0o600 }, text);
    pack.finalize();
    await written;
    await rename(partial, outFile);
    return manifest;
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The database as one file in `work`: PGlite's data-dir tarball, or pg_dump's custom format. */
async function dumpDatabase(source: BackupSource, work: string): Promise<{ name: string; path: string }> {
  const { database } = source;
  if (database.kind === "pglite") {
    if (!database.dump) throw new BackupError("an embedded database is dumped by the process that owns it");
    const path = join(work, "pglite.tar");
    const tarball = await database.dump();
    await pipeline(
      Readable.fromWeb(tarball.stream() as import("node:stream/web").ReadableStream),
      createWriteStream(path),
    );
    return { name: DUMP_NAMES.pglite, path };
  }
  if (!source.databaseUrl) throw new BackupError("no database URL to dump");
  const path = join(work, "pg_dump.custom");
  await runTool("pg_dump", [
    "--format=custom",
    "--no-owner",
    "--no-privileges",
    "--file",
    path,
    "--dbname",
    source.databaseUrl,
  ]);
  return { name: DUMP_NAMES.postgres, path };
}

/** Runs a PostgreSQL client tool; a missing tool is a documented error, not a stack trace. */
export function runTool(tool: "pg_dump" | "pg_restore", args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.once("error", (err: NodeJS.ErrnoException) =>
      reject(
        err.code === "ENOENT"
          ? new BackupError(
              `${tool} is not on PATH: install the PostgreSQL client tools (same major version as the server)`,
            )
          : err,
      ),
    );
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${tool} exited with ${code}: ${stderr.trim()}`)),
    );
  });
}

/** Every file in the blob store but its temporary area, depth first. */
async function* blobFiles(dir: string, top = true): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return [];
    throw err;
  });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (top && entry.name === "tmp") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* blobFiles(path, false);
    else if (entry.isFile() && !entry.name.endsWith(".part")) yield path;
  }
}
