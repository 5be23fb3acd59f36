import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { inject } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../server/platform/db/connect.js";
import { testDatabaseUrl, withDatabase } from "./template.js";

export interface TestDatabase {
  handle: DatabaseHandle;
  /** Connection URL when on PostgreSQL (for child processes), else null. */
  url: string | null;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own: a copy of the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject("fyrTemplate");
  const serverUrl = testDatabaseUrl();
  if (!serverUrl || !template.postgresDatabase) {
    if (!template.pgliteTarball) throw new Error("no PGlite template; is global-setup configured?");
    const tar = await readFile(template.pgliteTarball);
    const handle = await openDatabase({ kind: "pglite", loadDataDir: new Blob([tar]) });
    return { handle, url: null, drop: () => handle.close() };
  }
  const name = `fyr_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template.postgresDatabase}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  const handle = await openDatabase({ kind: "postgres", url, poolSize: 5 });
  return {
    handle,
    url,
    async drop() {
      await handle.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
