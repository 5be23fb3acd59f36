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
  /** Follows NOTIFY on `channel` (a plain identifier); resolves to a function that stops. */
  listen(channel: string, handlers: ListenHandlers): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** What a LISTEN subscriber hears: the feed is live, a notification came, or the feed was lost. */
export interface ListenHandlers {
  /** Listening (again): notifications sent from now on arrive; earlier ones may have been missed. */
  onReady(): void;
  onNotify(): void;
  /** The connection is gone; nothing arrives until onReady. */
  onLost(): void;
}

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

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
    listen: (channel, handlers) => listenPostgres(url, channel, handlers),
    close: () => db.destroy(),
  };
}

/**
 * LISTEN on a dedicated connection (a pooled one would be handed to others). A lost connection
 * is reported and retried with back-off, so subscribers can distrust what they hold meanwhile.
 */
async function listenPostgres(url: string, channel: string, handlers: ListenHandlers): Promise<() => Promise<void>> {
  if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`);
  let current: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let delayMs = 250;

  const lost = (client: pg.Client) => {
    if (current === client) current = undefined;
    client.end().catch(() => undefined);
    handlers.onLost();
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, delayMs);
    delayMs = Math.min(delayMs * 2, 30_000);
  };

  const connect = async () => {
    const client = new pg.Client({ connectionString: url });
    client.on("notification", (message) => {
      if (message.channel === channel) handlers.onNotify();
    });
    client.on("error", () => lost(client));
    client.on("end", () => lost(client));
    try {
      await client.connect();
      await client.query(`listen ${channel}`);
    } catch {
      lost(client);
      return;
    }
    if (stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    current = client;
    delayMs = 250;
    handlers.onReady();
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await current?.end().catch(() => undefined);
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
    async listen(channel, handlers) {
      if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`);
      // One process owns an embedded database, so this feed cannot be lost.
      const unlisten = await pglite.listen(channel, () => handlers.onNotify());
      handlers.onReady();
      return unlisten;
    },
    close: () => db.destroy(),
  };
}

/** Runs `work` in the caller's transaction, or in a new one. */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
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
