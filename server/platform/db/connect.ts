import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { PGlite, types } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { Kysely, PostgresDialect, sql } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import type { Database } from "./schema.js";

export type Db = Kysely<Database>;

/** An open database: the query builder plus what only a backend can do. */
export interface DatabaseHandle {
  db: Db;
  kind: "pglite" | "postgres";
  /**
   * Runs a multi-statement SQL script in one transaction (migrations).
   * On PGlite the caller must hold Kysely's only connection or be alone (start-up).
   */
  runScript(script: string): Promise<void>;
  /** Writes an in-memory embedded database out as a tarball (test templates). */
  dump?(): Promise<Blob>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  { kind: "postgres"; url: string; poolSize?: number } | { kind: "pglite"; dataDir?: string; loadDataDir?: Blob };

// int8 (count(*), bigserial) as a JS number on both backends; ids stay far below 2^53.
const INT8 = 20;

/** Opens PostgreSQL (pg pool) or the embedded PGlite, both behind the same Kysely type. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.kind === "postgres") return openPostgres(options.url, options.poolSize ?? 10);
  return openPglite(options);
}

async function openPostgres(url: string, max: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its server must not crash the process.
  pool.on("error", () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: "postgres",
    async runScript(script) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await client.query(script);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}

async function openPglite(options: { dataDir?: string; loadDataDir?: Blob }): Promise<DatabaseHandle> {
  let dir: string | undefined;
  if (options.dataDir) {
    dir = resolve(join(options.dataDir, "pgdata"));
    mkdirSync(dir, { recursive: true });
  }
  const pglite = await PGlite.create(dir, {
    extensions: { pg_trgm, btree_gist },
    parsers: { [types.INT8]: (v: string) => Number(v) },
    loadDataDir: options.loadDataDir,
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: "pglite",
    async runScript(script) {
      await pglite.transaction(async (tx) => {
        await tx.exec(script);
      });
    },
    dump: () => pglite.dumpDataDir("none"),
    close: () => db.destroy(),
  };
}

/** True when the database answers a trivial query. */
export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
