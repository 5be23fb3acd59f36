import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/support/db.js";
import { testDatabaseUrl, withDatabase } from "../../../test/support/template.js";
import { waitFor } from "../../../test/support/wait.js";
import { runCli } from "../../cli.js";
import { systemClock } from "../../platform/clock.js";
import { openDatabase } from "../../platform/db/connect.js";
import { createLogger } from "../../platform/log.js";
import { startScheduledBackups } from "./service.js";

const scratch: string[] = [];
afterAll(async () => {
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "fyr-backup-cli-"));
  scratch.push(dir);
  return dir;
}
const env = (dataDir: string, url?: string) => ({
  FYR_DATA_DIR: dataDir,
  FYR_LOG_LEVEL: "silent",
  ...(url ? { DATABASE_URL: url } : {}),
});

async function emptyPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const server = testDatabaseUrl() ?? "";
  const name = `fyr_restore_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name} template template0`);
  await admin.end();
  return {
    url: withDatabase(server, name),
    async drop() {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

describe("fyr backup and fyr restore", () => {
  it("backs up from the command line, restores into an empty place once, and refuses a place that is not empty", async () => {
    const source = await createTestDatabase();
    const target = source.url ? await emptyPostgres() : undefined;
    try {
      const dataDir = await tempDir();
      // On PGlite the command opens the data dir itself: give it a database to back up.
      if (!source.url) {
        const seeded = await openDatabase({ kind: "pglite", dataDir, owner: "cli" });
        await seeded.close();
      }
      const out = join(await tempDir(), "one.tar");
      expect(await runCli(["backup", "--out", out], env(dataDir, source.url ?? undefined))).toBe(0);

      const fresh = await tempDir();
      expect(await runCli(["restore", out], env(fresh, target?.url))).toBe(0);
      const restored = target
        ? await openDatabase({ kind: "postgres", url: target.url, poolSize: 1 })
        : await openDatabase({ kind: "pglite", dataDir: fresh, owner: "cli" });
      try {
        const actions = await restored.db.selectFrom("audit_log").select("action").execute();
        // The restore says where the data came from (the backup's own entry was written after its dump).
        expect(actions.map((a) => a.action)).toContain("backup.restored");
      } finally {
        await restored.close();
      }
      // Not empty any more: refused, exit code 1.
      expect(await runCli(["restore", out], env(fresh, target?.url))).toBe(1);
      expect(await runCli(["restore"], env(fresh, target?.url))).toBe(64);
    } finally {
      await target?.drop();
      await source.drop();
    }
  }, 240_000);

  it("writes scheduled backups and keeps only the newest FYR_BACKUP_KEEP", async () => {
    const source = await createTestDatabase();
    const dir = await tempDir();
    try {
      for (const old of ["fyr-backup-20200101T000000Z.tar", "fyr-backup-20200102T000000Z.tar"])
        await writeFile(join(dir, old), "old");
      await writeFile(join(dir, "notes.txt"), "not a backup: left alone");
      const loop = startScheduledBackups(
        {
          database: source.handle,
          config: { databaseUrl: source.url ?? undefined, dataDir: await tempDir() },
          clock: systemClock,
        },
        { dir, everyMs: 3_600_000, keep: 2, logger: createLogger("silent"), node: "test-node", checkMs: 200 },
      );
      try {
        await waitFor(async () => !(await readdir(dir)).includes("fyr-backup-20200101T000000Z.tar"), {
          timeoutMs: 120_000,
          what: "the oldest backup pruned",
        });
      } finally {
        await loop.stop();
      }
      const names = (await readdir(dir)).sort();
      expect(names).toHaveLength(3);
      expect(names).toContain("fyr-backup-20200102T000000Z.tar");
      expect(names).toContain("notes.txt");
      // Within FYR_BACKUP_HOURS of the last one: the next pass writes nothing more.
      const audited = await source.handle.db
        .selectFrom("audit_log")
        .select("actor")
        .where("action", "=", "backup.written")
        .execute();
      expect(audited).toEqual([{ actor: "system:backup" }]);
    } finally {
      await source.drop();
    }
  }, 240_000);
});
