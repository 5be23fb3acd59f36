import { sql } from "kysely";
import type { Db } from "./db/connect.js";

/**
 * A lease on one piece of scheduled work, held by one node at a time. Its epoch rises each time the
 * lease changes hands (fencing, as in Kleppmann's "How to do distributed locking"): work done under
 * it checks the epoch in the same transaction as its writes, so an old leader that was paused past
 * its lease (a GC pause, a stopped VM, SIGSTOP) cannot act once a new one took over.
 */
export interface Lease {
  name: string;
  holder: string;
  epoch: number;
}

/** The lease is no longer this node's: another took it over (or it expired); nothing was written. */
export class LeaseLostError extends Error {
  constructor(readonly lease: Lease) {
    super(`lease ${lease.name} (epoch ${lease.epoch}) is no longer held by ${lease.holder}`);
  }
}

/**
 * Takes or renews the lease for `ttlMs` (the database's clock decides, never a node's own). Null
 * when another node holds it and it has not expired. A takeover waits at most a moment for a
 * fenced transaction of the old holder still running: it is tried again at the next tick.
 */
export async function tryAcquireLease(db: Db, name: string, holder: string, ttlMs: number): Promise<Lease | null> {
  const ttl = `${Math.max(1, Math.round(ttlMs))} milliseconds`;
  return db.transaction().execute(async (tx) => {
    await sql`set local lock_timeout = '2s'`.execute(tx);
    const row = await sql<{ epoch: number }>`
      insert into leases as l (name, holder, epoch, expires_at)
      values (${name}, ${holder}, 1, clock_timestamp() + ${ttl}::interval)
      on conflict (name) do update set
        -- Renewing keeps the epoch; changing hands raises it.
        epoch = case when l.holder = excluded.holder then l.epoch else l.epoch + 1 end,
        acquired_at = case when l.holder = excluded.holder then l.acquired_at else clock_timestamp() end,
        holder = excluded.holder,
        expires_at = excluded.expires_at
      where l.holder = excluded.holder or l.expires_at <= clock_timestamp()
      returning epoch`
      .execute(tx)
      .catch((err: unknown) => {
        // 55P03 lock_not_available: the old holder is inside a fenced transaction; next tick.
        if (err instanceof Error && "code" in err && err.code === "55P03") return { rows: [] };
        throw err;
      });
    const epoch = row.rows[0]?.epoch;
    return epoch === undefined ? null : { name, holder, epoch: Number(epoch) };
  });
}

/** Gives the lease up (a clean shutdown), so another node need not wait for it to expire. */
export async function releaseLease(db: Db, lease: Lease): Promise<void> {
  await db
    .updateTable("leases")
    .set({ expires_at: sql<Date>`clock_timestamp()` })
    .where("name", "=", lease.name)
    .where("holder", "=", lease.holder)
    .where("epoch", "=", lease.epoch)
    .execute();
}

/**
 * Runs `work` in one transaction that first proves the lease is still this node's at this epoch,
 * else throws LeaseLostError and writes nothing. The proof holds a share lock on the lease row, so a
 * takeover waits for this transaction to end; a holder paused inside it is cut off by PostgreSQL
 * after `ttlMs` idle (its writes roll back), so the wait is bounded.
 */
export async function fenced<T>(db: Db, lease: Lease, ttlMs: number, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`select set_config('idle_in_transaction_session_timeout', ${String(Math.max(1, Math.round(ttlMs)))}, true)`.execute(
      tx,
    );
    const held = await tx
      .selectFrom("leases")
      .select("epoch")
      .where("name", "=", lease.name)
      .where("holder", "=", lease.holder)
      .where("epoch", "=", lease.epoch)
      .where("expires_at", ">", sql<Date>`clock_timestamp()`)
      .forShare()
      .executeTakeFirst();
    if (!held) throw new LeaseLostError(lease);
    return work(tx);
  });
}

/** Who holds a lease now (for the operations screen and tests). */
export async function leaseHolder(
  db: Db,
  name: string,
): Promise<{ holder: string; epoch: number; expiresAt: Date } | null> {
  const row = await db
    .selectFrom("leases")
    .select(["holder", "epoch", "expires_at"])
    .where("name", "=", name)
    .executeTakeFirst();
  return row ? { holder: row.holder, epoch: Number(row.epoch), expiresAt: row.expires_at } : null;
}
