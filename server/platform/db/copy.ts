import { once } from "node:events";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Db } from "./connect.js";

// PostgreSQL's COPY FROM STDIN for bulk writers (feed events): a pooled connection of the handle's
// own pool, on which a caller runs a few statements and a COPY in one transaction. Only a real
// PostgreSQL offers it: PGlite (embedded or over its socket) answers undefined, and the caller writes
// batched multi-row inserts instead. Kysely hides its pg client, so the handle registers its pool here.

const pools = new WeakMap<Db, pg.Pool>();

/** Called by connect.ts for a PostgreSQL handle: its Db may COPY. */
export function registerCopyPool(db: Db, pool: pg.Pool): void {
  pools.set(db, pool);
}

/** True when `db` can COPY (a PostgreSQL handle's), known without a round trip. */
export function canCopy(db: Db): boolean {
  return pools.has(db);
}

/** A connection in a transaction, with COPY. */
export interface CopySession {
  query<R extends object>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /**
   * COPY … FROM STDIN, fed with `text` (already in COPY's text format), whole or in pieces (pieces of
   * tens of kB stay in the young generation; one string of megabytes costs the old one); answers the
   * rows copied.
   */
  copyIn(statement: string, text: string | readonly string[]): Promise<number>;
  /** True the first time this connection is asked about `key` (per-connection set-up, e.g. temp tables). */
  firstTime(key: string): boolean;
}

const prepared = new WeakMap<pg.PoolClient, Set<string>>();

/** Runs `work` in a transaction on a pooled connection that can COPY; undefined when `db` cannot. */
export async function withCopySession<T>(db: Db, work: (session: CopySession) => Promise<T>): Promise<T | undefined> {
  const pool = pools.get(db);
  if (!pool) return undefined;
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("begin");
    const done = prepared.get(client) ?? new Set<string>();
    prepared.set(client, done);
    const session: CopySession = {
      query: async <R extends object>(text: string, params?: readonly unknown[]) =>
        (await client.query<R>(text, params as unknown[] | undefined)).rows,
      async copyIn(statement, text) {
        const stream = client.query(copyFrom(statement));
        const finished = once(stream, "finish");
        if (typeof text === "string") stream.end(text);
        else {
          for (const piece of text) stream.write(piece);
          stream.end();
        }
        await finished;
        return stream.rowCount;
      },
      firstTime(key) {
        if (done.has(key)) return false;
        done.add(key);
        return true;
      },
    };
    const result = await work(session);
    await client.query("commit");
    return result;
  } catch (err) {
    // A connection whose transaction cannot be rolled back is not handed to anyone else.
    await client.query("rollback").catch(() => (broken = true));
    // Its per-connection set-up may have been rolled back with it.
    prepared.delete(client);
    throw err;
  } finally {
    client.release(broken);
  }
}
