import { readdir, readFile } from "node:fs/promises";
import { sql } from "kysely";
import { projectPath } from "../paths.js";
import type { DatabaseHandle, Db } from "./connect.js";

export const MIGRATIONS_DIR = projectPath("server", "migrations");
// Any constant works; it only has to be the same in every Fyr process.
const MIGRATION_LOCK = 7_146_353_001;
const FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;

async function listMigrations(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => FILE.test(n)).sort();
  return names;
}

/**
 * Applies pending plain-SQL migrations in order, each in its own transaction,
 * under an advisory lock so processes starting together do not race.
 * Returns the names applied.
 */
export async function migrate(handle: DatabaseHandle, dir = MIGRATIONS_DIR): Promise<string[]> {
  const { db } = handle;
  const files = await listMigrations(dir);
  const applied: string[] = [];
  // A session-level advisory lock needs one connection held for the whole run.
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      await sql`create table if not exists schema_migrations (
        name text primary key,
        applied_at timestamptz not null default now()
      )`.execute(conn);
      const done = new Set(
        (await sql<{ name: string }>`select name from schema_migrations`.execute(conn)).rows.map((r) => r.name),
      );
      for (const name of files) {
        if (done.has(name)) continue;
        const body = await readFile(`${dir}/${name}`, "utf8");
        const record = `insert into schema_migrations (name) values ('${name}');`;
        await runInConnection(handle, conn, `${body}\n;${record}`);
        applied.push(name);
      }
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
  return applied;
}

// PostgreSQL runs the script on the connection holding the lock; PGlite has only one connection.
async function runInConnection(handle: DatabaseHandle, conn: Db, script: string): Promise<void> {
  if (handle.kind === "pglite") {
    await handle.runScript(script);
    return;
  }
  await sql.raw("begin").execute(conn);
  try {
    await sql.raw(script).execute(conn);
    await sql.raw("commit").execute(conn);
  } catch (err) {
    await sql.raw("rollback").execute(conn);
    throw err;
  }
}

/** The migrations present on disk but not yet applied (empty when up to date). */
export async function pendingMigrations(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = await listMigrations(dir);
  try {
    const rows = (await sql<{ name: string }>`select name from schema_migrations`.execute(db)).rows;
    const done = new Set(rows.map((r) => r.name));
    return files.filter((f) => !done.has(f));
  } catch {
    return files;
  }
}
