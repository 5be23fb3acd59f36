import { resolve } from "node:path";
import { sql } from "kysely";
import { DataDirInUseError, type DatabaseHandle, openDatabase } from "./connect.js";
import { dataDirOwner } from "./data-dir-lock.js";

// How long a command waits for a data dir that another process holds: a server still starting (its
// socket comes after migrations) or another command (an MTA may pipe several messages at once).
const WAIT_MS = 30_000;
const POLL_MS = 100;

/**
 * The database a `fyr` command works on: PostgreSQL when configured; else the embedded database —
 * through the running server's socket when a server owns the data dir, or opened (and owned) here.
 */
export async function openCliDatabase(
  config: { databaseUrl?: string | undefined; dataDir: string },
  waitMs = WAIT_MS,
): Promise<DatabaseHandle> {
  if (config.databaseUrl) return openDatabase({ kind: "postgres", url: config.databaseUrl, poolSize: 2 });
  const dataDir = resolve(config.dataDir);
  const deadline = Date.now() + waitMs;
  for (;;) {
    const owner = dataDirOwner(dataDir);
    if (owner?.role === "server") {
      const reached = await viaSocket(dataDir);
      if (reached) return reached;
    } else if (!owner) {
      try {
        return await openDatabase({ kind: "pglite", dataDir, owner: "cli" });
      } catch (err) {
        if (!(err instanceof DataDirInUseError)) throw err;
      }
    }
    if (Date.now() > deadline) {
      const now = dataDirOwner(dataDir);
      if (now) throw new DataDirInUseError(dataDir, now);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/**
 * The server's database: PostgreSQL, or the embedded database in its data dir, owned by this process.
 * A data dir held by a command is waited for (commands are short); one held by a server is refused.
 */
export async function openServerDatabase(
  config: { databaseUrl?: string | undefined; dataDir: string; dbPoolSize: number },
  waitMs = WAIT_MS,
): Promise<DatabaseHandle> {
  if (config.databaseUrl)
    return openDatabase({ kind: "postgres", url: config.databaseUrl, poolSize: config.dbPoolSize });
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await openDatabase({ kind: "pglite", dataDir: config.dataDir, owner: "server" });
    } catch (err) {
      if (!(err instanceof DataDirInUseError) || err.owner.role === "server" || Date.now() > deadline) throw err;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

async function viaSocket(dataDir: string): Promise<DatabaseHandle | undefined> {
  const handle = await openDatabase({ kind: "pglite-socket", dataDir });
  try {
    await sql`select 1`.execute(handle.db);
    return handle;
  } catch {
    // Not listening yet (the server is migrating), or gone: the caller looks again.
    await handle.close().catch(() => undefined);
    return undefined;
  }
}
