import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../../test/support/app.js";
import { testDatabaseUrl, withDatabase } from "../../../test/support/template.js";
import { anchorKeyFrom } from "../../platform/audit-anchor.js";
import { sealAuditTrail } from "../../platform/audit-sealer.js";
import { verifyAuditChain } from "../../platform/audit.js";
import { systemClock } from "../../platform/clock.js";
import { type DatabaseHandle, openDatabase } from "../../platform/db/connect.js";
import { minimalReport, multipart } from "../intake/test-fixtures.js";
import { BackupError } from "./manifest.js";
import { restoreBackup } from "./restore-backup.js";
import { writeBackup } from "./write-backup.js";

const scratch: string[] = [];
afterAll(async () => {
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "fyr-backup-test-"));
  scratch.push(dir);
  return dir;
}

/** An empty PostgreSQL database for the restore (the test server's), dropped afterwards. */
async function emptyPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const server = testDatabaseUrl();
  if (!server) throw new Error("no PostgreSQL");
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

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe("backup and restore", () => {
  it("backs up while reports are being filed, restores into a fresh place, and every report, file and the audit chain are there", async () => {
    const dataDir = await tempDir();
    const app = await createTestApp({ FYR_DATA_DIR: dataDir });
    let restored: DatabaseHandle | undefined;
    let target: { url: string; drop(): Promise<void> } | undefined;
    try {
      const file = (i: number) => ({ filename: `evidence-${i}.bin`, content: randomBytes(2000 + i) });
      const filed: { reference: string; sha256: string }[] = [];
      const fileOne = async (i: number) => {
        const f = file(i);
        const res = await app.fyr.http.inject({
          method: "POST",
          url: "/api/public/v1/reports",
          remoteAddress: `192.0.2.${10 + (i % 200)}`,
          ...multipart({ report: JSON.stringify(minimalReport()) }, [f]),
        });
        expect(res.statusCode).toBe(201);
        filed.push({ reference: res.json<{ reference: string }>().reference, sha256: sha256(f.content) });
      };
      for (let i = 0; i < 5; i++) await fileOne(i);
      const before = filed.length;
      // A sealed chain to carry over (the worker's sealer does this on a running Fyr).
      const key = anchorKeyFrom(randomBytes(32));
      await sealAuditTrail(app.database.handle.db, systemClock, key);

      // Under load: reports keep coming in while the archive is written.
      let filing = true;
      const load = (async () => {
        for (let i = 100; filing; i++) await fileOne(i);
      })();
      const out = join(await tempDir(), "fyr.backup.tar");
      const manifest = await writeBackup(
        {
          database: app.database.handle,
          databaseUrl: app.database.url ?? undefined,
          blobsDir: join(dataDir, "blobs"),
          now: new Date(),
        },
        out,
      );
      filing = false;
      await load;
      expect(filed.length).toBeGreaterThan(before);
      expect(manifest.counts.reports).toBeGreaterThanOrEqual(before);
      expect(manifest.auditHead.seq).toBeGreaterThan(0);
      expect(manifest.files.filter((f) => f.name.startsWith("blobs/")).length).toBeGreaterThan(0);

      // Restore into a fresh data dir (and, on PostgreSQL, a fresh database).
      const freshDir = await tempDir();
      if (app.database.url) {
        target = await emptyPostgres();
        await restoreBackup(out, { kind: "postgres", url: target.url, dataDir: freshDir });
        restored = await openDatabase({ kind: "postgres", url: target.url, poolSize: 2 });
      } else {
        await restoreBackup(out, { kind: "pglite", dataDir: freshDir });
        restored = await openDatabase({ kind: "pglite", dataDir: freshDir, owner: "cli" });
      }
      const db = restored.db;
      const rows = await db
        .selectFrom("reports")
        .innerJoin("report_attachments", "report_attachments.report_id", "reports.id")
        .select(["reports.reference", "report_attachments.sha256"])
        .execute();
      // Every report filed before the backup began is there, with its file.
      for (const r of filed.slice(0, before)) expect(rows).toContainEqual({ reference: r.reference, sha256: r.sha256 });
      expect(rows.length).toBeGreaterThanOrEqual(manifest.counts.reports);
      // Every file the restored database names is in the restored blob store, and is what it says.
      for (const r of rows) {
        const content = await readFile(join(freshDir, "blobs", r.sha256.slice(0, 2), r.sha256.slice(2, 4), r.sha256));
        expect(sha256(content)).toBe(r.sha256);
      }
      // The audit chain: sealed as a starting worker would, it verifies and still holds the backup's head.
      await sealAuditTrail(db, systemClock, key);
      const verification = await verifyAuditChain(db, { key });
      expect(verification).toMatchObject({ ok: true, signature: "valid" });
      const head = await db
        .selectFrom("audit_log")
        .select("hash")
        .where("seq", "=", manifest.auditHead.seq)
        .executeTakeFirst();
      expect(head?.hash).toBe(manifest.auditHead.hash);

      // A second restore into the same place is refused, and so is a tampered archive.
      const again = restoreBackup(
        out,
        target ? { kind: "postgres", url: target.url, dataDir: freshDir } : { kind: "pglite", dataDir: freshDir },
      );
      await expect(again).rejects.toBeInstanceOf(BackupError);
      const tampered = join(await tempDir(), "tampered.tar");
      const bytes = await readFile(out);
      const at = bytes.indexOf(Buffer.from("blobs/")) + 1024; // inside the first blob's content
      bytes[at] = (bytes[at] ?? 0) ^ 0xff;
      await writeFile(tampered, bytes);
      await expect(restoreBackup(tampered, { kind: "pglite", dataDir: await tempDir() })).rejects.toThrow(
        /does not match its hash|does not hold/,
      );
      expect(await sql`select 1 as one`.execute(db)).toBeTruthy();
    } finally {
      await restored?.close();
      await target?.drop();
      await app.fyr.http.close();
      await app.database.drop();
    }
  }, 240_000);
});
