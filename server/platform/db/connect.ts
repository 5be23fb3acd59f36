import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { registerCopyPool } from "./copy.js";
import { type DataDirOwner, tryLockDataDir } from "./data-dir-lock.js";
import { SOCKET_NAME } from "./pglite-socket.js";
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
  /** Writes the embedded database out as a tarball (test templates, backups), consistent while in use. */
  dump?(): Promise<Blob>;
  /** Follows NOTIFY on `channel` (a plain identifier); resolves to a function that stops. */
  listen(channel: string, handlers: ListenHandlers): Promise<() => Promise<void>>;
  /**
   * An embedded database in a data dir: serve it to other local processes (the CLI) on a unix socket
   * in that dir, until close.
   */
  shareOnSocket?(): Promise<void>;
  close(): Promise<void>;
}

/** Another live process owns the embedded database's data dir. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: DataDirOwner,
  ) {
    super(
      `the data directory ${dataDir} is in use by another Fyr ${owner.role === "server" ? "server" : "command"} ` +
        `(pid ${owner.pid}, since ${owner.since}). An embedded database has one owner: stop that process, ` +
        `give this one its own FYR_DATA_DIR, or use PostgreSQL (DATABASE_URL) to run several processes.`,
    );
  }
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
  | { kind: "postgres"; url: string; poolSize?: number }
  /** An embedded database: in memory, or in a data dir this process then owns (its lock). */
  | { kind: "pglite"; dataDir?: string; loadDataDir?: Blob; owner?: DataDirOwner["role"] }
  /** The embedded database another process owns, reached over its socket (PostgreSQL protocol). */
  | { kind: "pglite-socket"; dataDir: string; poolSize?: number };

// int8 (count(*), bigserial) as a JS number on both backends; ids stay far below 2^53.
const INT8 = 20;

/** Opens PostgreSQL (pg pool) or the embedded PGlite, both behind the same Kysely type. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.kind === "postgres") {
    return openPostgres({ connectionString: options.url }, options.poolSize ?? 10, { copy: true });
  }
  if (options.kind === "pglite-socket") {
    // The owner's PGlite takes any user name; the socket's file mode is the access check.
    const connection = { host: resolve(options.dataDir), port: 5432, user: "fyr", database: "postgres" };
    return openPostgres(connection, options.poolSize ?? 2);
  }
  return openPglite(options);
}

/** The socket file an owning process serves its embedded database on. */
export function dataDirSocket(dataDir: string): string {
  return join(resolve(dataDir), SOCKET_NAME);
}

type Connection = Pick<pg.ClientConfig, "connectionString" | "host" | "port" | "user" | "database">;

async function openPostgres(connection: Connection, max: number, can = { copy: false }): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    ...connection,
    max,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its server must not crash the process.
  pool.on("error", () => undefined);
  // Nor one checked out between two statements of a transaction (a server restart, a terminated
  // backend, an idle-in-transaction timeout): its next query fails instead, and the pool replaces it.
  pool.on("connect", (client) => client.on("error", () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // PGlite over its socket speaks the protocol but not COPY FROM STDIN: only a real server copies.
  if (can.copy) registerCopyPool(db, pool);
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
    listen: (channel, handlers) => listenPostgres(connection, channel, handlers),
    close: () => db.destroy(),
  };
}

/**
 * LISTEN on a dedicated connection (a pooled one would be handed to others). A lost connection
 * is reported and retried with back-off, so subscribers can distrust what they hold meanwhile.
 */
async function listenPostgres(
  connection: Connection,
  channel: string,
  handlers: ListenHandlers,
): Promise<() => Promise<void>> {
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
    const client = new pg.Client(connection);
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

async function openPglite(options: {
  dataDir?: string;
  loadDataDir?: Blob;
  owner?: DataDirOwner["role"];
}): Promise<DatabaseHandle> {
  let dir: string | undefined;
  let lock: { release(): void } | undefined;
  if (options.dataDir) {
    const taken = tryLockDataDir(options.dataDir, options.owner ?? "server");
    if (!("release" in taken)) throw new DataDirInUseError(resolve(options.dataDir), taken);
    lock = taken;
    dir = join(taken.dir, "pgdata");
    mkdirSync(dir, { recursive: true });
  }
  try {
    return await openPgliteIn(dir, options.loadDataDir, lock, options.dataDir);
  } catch (err) {
    lock?.release();
    throw err;
  }
}

// Loaded on demand: a CLI that reaches PostgreSQL or a running server never pays for the WASM build.
async function openPgliteIn(
  dir: string | undefined,
  loadDataDir: Blob | undefined,
  lock: { release(): void } | undefined,
  dataDir: string | undefined,
): Promise<DatabaseHandle> {
  const [{ PGlite }, { PGliteDialect }, { servePgliteOnSocket }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("kysely-pglite-dialect"),
    import("./pglite-socket.js"),
  ]);
  // No extensions: each one PGlite loads is unpacked and linked at every open (pg_trgm and btree_gist,
  // which no migration uses, took 0.8 of the 1.7 s an open cost). A migration that needs one adds it here.
  const pglite = await PGlite.create(dir, {
    parsers: { [INT8]: (v: string) => Number(v) },
    loadDataDir,
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  // Everything that talks to PGlite outside Kysely's queries (LISTEN, socket clients) first takes
  // Kysely's one connection, so it never lands inside another caller's transaction.
  const hold = (work: () => Promise<void>) => db.connection().execute(() => work());
  let shared: { close(): Promise<void> } | undefined;
  return {
    db,
    kind: "pglite",
    async runScript(script) {
      await pglite.transaction(async (tx) => {
        await tx.exec(script);
      });
    },
    // Holding Kysely's one connection: no transaction is half-way through while the files are read
    // (PGlite runs one statement at a time), so the tarball is a consistent copy of a running database.
    async dump() {
      let tarball: Blob | undefined;
      await hold(async () => {
        tarball = await pglite.dumpDataDir("none");
      });
      if (!tarball) throw new Error("PGlite returned no dump");
      return tarball;
    },
    async listen(channel, handlers) {
      if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`);
      // One process owns an embedded database, so this feed cannot be lost. (NOTIFY from a socket
      // client reaches it too: PGlite reads notifications in every answer it produces.)
      let unlisten: (() => Promise<void>) | undefined;
      await hold(async () => {
        unlisten = await pglite.listen(channel, () => handlers.onNotify());
      });
      handlers.onReady();
      return () => hold(async () => unlisten?.());
    },
    ...(dataDir
      ? {
          async shareOnSocket() {
            shared ??= await servePgliteOnSocket(pglite, hold, dataDirSocket(dataDir));
          },
        }
      : {}),
    async close() {
      try {
        await shared?.close();
        await db.destroy();
      } finally {
        lock?.release();
      }
    },
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
