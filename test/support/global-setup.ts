import { randomBytes } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../server/platform/db/connect.js";
import { migrate } from "../../server/platform/db/migrate.js";
import { TMP_DIR, ensureTmpDir, testDatabaseUrl, withDatabase } from "./template.js";

async function adminQuery(url: string, query: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(query);
  } finally {
    await admin.end();
  }
}

/**
 * Migrates one template database per run; every test file then starts from a copy of it
 * (a PGlite tarball, or CREATE DATABASE … TEMPLATE on PostgreSQL) instead of migrating again.
 * Names are unique per run so several runs can share one PostgreSQL server.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureTmpDir();
  const runId = `${process.pid}_${randomBytes(3).toString("hex")}`;
  const url = testDatabaseUrl();
  if (url) {
    const name = `fyr_tpl_${runId}`;
    await adminQuery(url, `create database ${name}`);
    const handle = await openDatabase({ kind: "postgres", url: withDatabase(url, name), poolSize: 1 });
    await migrate(handle);
    await handle.close();
    project.provide("fyrTemplate", { pgliteTarball: null, postgresDatabase: name });
    return () => adminQuery(url, `drop database if exists ${name} with (force)`);
  }
  const tarball = join(TMP_DIR, `pglite-template-${runId}.tar`);
  const handle = await openDatabase({ kind: "pglite" });
  await migrate(handle);
  const dump = await handle.dump?.();
  if (!dump) throw new Error("PGlite dump unavailable");
  await writeFile(tarball, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide("fyrTemplate", { pgliteTarball: tarball, postgresDatabase: null });
  return () => rm(tarball, { force: true });
}
