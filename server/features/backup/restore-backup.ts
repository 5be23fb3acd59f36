import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, openAsBlob } from "node:fs";
import { mkdir, readFile, readdir, rename, rm } from "node:fs/promises";
import { dirname, join, normalize, sep } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import tar from "tar-stream";
import { openDatabase } from "../../platform/db/connect.js";
import { BLOBS_PREFIX, BackupError, BackupManifest, DUMP_NAMES, MANIFEST_NAME } from "./manifest.js";
import { runTool } from "./write-backup.js";

/** Where a backup goes back to: an empty data dir (its blobs, and PGlite's database), and on PostgreSQL an empty database. */
export type RestoreTarget = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string; dataDir: string };

/**
 * Brings a backup back into an empty place, or changes nothing: every file is checked against the
 * manifest's SHA-256 (and each blob against its own name) before the database is loaded and the
 * blobs are moved into place. A data dir or database already holding anything is refused.
 */
export async function restoreBackup(file: string, target: RestoreTarget): Promise<BackupManifest> {
  await refuseNonEmpty(target);
  const staging = join(target.dataDir, `.restore-${randomBytes(6).toString("hex")}`);
  await mkdir(staging, { recursive: true });
  try {
    const seen = await extract(file, staging);
    const manifest = BackupManifest.parse(JSON.parse(await readFile(join(staging, MANIFEST_NAME), "utf8")));
    checkAgainstManifest(manifest, seen);
    const kind = target.kind;
    if (manifest.database.kind !== kind)
      throw new BackupError(`this backup is of a ${manifest.database.kind} database; restore it into one of that kind`);
    const dump = join(staging, manifest.database.file);
    if (target.kind === "pglite") {
      const handle = await openDatabase({
        kind: "pglite",
        dataDir: target.dataDir,
        loadDataDir: await openAsBlob(dump),
        owner: "cli",
      });
      await handle.close();
    } else {
      await runTool("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--dbname", target.url, dump]);
    }
    const blobs = join(staging, BLOBS_PREFIX);
    await mkdir(blobs, { recursive: true });
    await rename(blobs, join(target.dataDir, "blobs"));
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function refuseNonEmpty(target: RestoreTarget): Promise<void> {
  const hasEntries = async (dir: string) => (await readdir(dir).catch(() => [])).length > 0;
  if (await hasEntries(join(target.dataDir, "blobs")))
    throw new BackupError(`${target.dataDir} already holds files (blobs/): restore only into an empty data dir`);
  if (target.kind === "pglite") {
    if (await hasEntries(join(target.dataDir, "pgdata")))
      throw new BackupError(`${target.dataDir} already holds a database: restore only into an empty data dir`);
    return;
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const found = await client.query<{ n: string }>(
      "select count(*) as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')",
    );
    if (Number(found.rows[0]?.n ?? 0) > 0)
      throw new BackupError(
        "the database already holds tables: restore only into an empty database (createdb a new one)",
      );
  } finally {
    await client.end();
  }
}

/** Unpacks the archive into `staging`, hashing each file; refuses names that would leave it. */
async function extract(file: string, staging: string): Promise<Map<string, { bytes: number; sha256: string }>> {
  const seen = new Map<string, { bytes: number; sha256: string }>();
  const extractor = tar.extract();
  const reading = pipeline(createReadStream(file), extractor);
  for await (const entry of extractor) {
    const name = entry.header.name;
    const path = normalize(join(staging, name));
    if (entry.header.type !== "file" || !path.startsWith(staging + sep) || seen.has(name)) {
      entry.resume();
      throw new BackupError(`the archive holds an unexpected entry: ${name}`);
    }
    await mkdir(dirname(path), { recursive: true });
    const hash = createHash("sha256");
    let bytes = 0;
    const hashing = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    await pipeline(entry, hashing, createWriteStream(path, { flags: "wx" }));
    seen.set(name, { bytes, sha256: hash.digest("hex") });
  }
  await reading;
  return seen;
}

function checkAgainstManifest(manifest: BackupManifest, seen: Map<string, { bytes: number; sha256: string }>): void {
  const listed = new Set(manifest.files.map((f) => f.name));
  for (const name of seen.keys())
    if (name !== MANIFEST_NAME && !listed.has(name))
      throw new BackupError(`${name} is in the archive but not in its manifest`);
  for (const f of manifest.files) {
    const got = seen.get(f.name);
    if (!got) throw new BackupError(`${f.name} is missing from the archive`);
    if (got.sha256 !== f.sha256 || got.bytes !== f.bytes) throw new BackupError(`${f.name} does not match its hash`);
    // A blob's name is its SHA-256 (platform/files/blobs.ts): the content must still be what it names.
    const base = f.name.split("/").pop() ?? "";
    if (f.name.startsWith(BLOBS_PREFIX) && /^[0-9a-f]{64}$/.test(base) && base !== f.sha256)
      throw new BackupError(`${f.name} does not hold the content its name says`);
  }
  if (!Object.values(DUMP_NAMES).some((n) => n === manifest.database.file) || !seen.has(manifest.database.file))
    throw new BackupError("the archive holds no database dump");
}
