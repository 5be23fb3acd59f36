import { sql } from "kysely";
import { type AnchorKey, type SignedHead, signHead } from "./audit-anchor.js";
import { entryHash } from "./audit-hash.js";
import type { Clock } from "./clock.js";
import type { Db } from "./db/connect.js";
import type { Logger } from "./log.js";
import { type Periodic, startPeriodic } from "./periodic.js";

// Any constant works; it only has to be the same in every Fyr process.
const SEAL_LOCK = 7_146_353_020;
const BATCH = 2000;

export interface SealPass {
  /** Entries chained by this pass. */
  sealed: number;
  /** Another process held the seal lock; nothing was done. */
  busy: boolean;
  /** The head after the pass (signed). */
  head: SignedHead | null;
}

/**
 * Chains what can be chained: entries whose transaction ids lie below the xmin of a snapshot taken
 * now. Every transaction below xmin has committed or aborted, so no entry can still appear there;
 * sealing them in (xid, id) order therefore gives every process the same order, with no gaps, and
 * writers never wait for one another. One process at a time (advisory lock); others skip the pass.
 */
export async function sealAuditTrail(db: Db, clock: Clock, key: AnchorKey): Promise<SealPass> {
  let total = 0;
  for (;;) {
    const pass = await sealBatch(db, clock, key);
    total += pass.sealed;
    if (pass.busy || pass.sealed < BATCH) return { ...pass, sealed: total };
  }
}

async function sealBatch(db: Db, clock: Clock, key: AnchorKey): Promise<SealPass> {
  return db.transaction().execute(async (tx) => {
    const lock = await sql<{ got: boolean }>`select pg_try_advisory_xact_lock(${SEAL_LOCK}) as got`.execute(tx);
    if (!lock.rows[0]?.got) return { sealed: 0, busy: true, head: null };
    const xmin = await sealBound(tx);
    const head = await tx.selectFrom("audit_head").selectAll().forUpdate().executeTakeFirst();
    if (!head) throw new Error("audit_head has no row; the audit trail cannot be sealed");
    const rows = await tx
      .selectFrom("audit_log")
      .select(["id", "at", "actor_id", "actor", "action", "target_type", "target_id", "diff", "ip", "xid"])
      .where("seq", "is", null)
      .where(sql<boolean>`xid < ${xmin}::xid8`)
      .orderBy("xid")
      .orderBy("id")
      .limit(BATCH)
      .execute();
    if (rows.length === 0 && head.mac !== null) return { sealed: 0, busy: false, head: signedHeadOf(head) };

    let prev = head.hash;
    let seq = head.seq;
    const ids: number[] = [];
    const seqs: number[] = [];
    const prevs: string[] = [];
    const hashes: string[] = [];
    for (const row of rows) {
      const hash = entryHash(prev, row);
      ids.push(row.id);
      seqs.push(++seq);
      prevs.push(prev);
      hashes.push(hash);
      prev = hash;
    }
    if (rows.length > 0) {
      await sql`
        update audit_log as a set seq = u.seq, prev_hash = u.prev_hash, hash = u.hash
        from unnest(${ids}::bigint[], ${seqs}::bigint[], ${prevs}::text[], ${hashes}::text[])
          as u(id, seq, prev_hash, hash)
        where a.id = u.id`.execute(tx);
    }
    const signed = signHead(key, seq, prev, clock.now());
    await tx
      .updateTable("audit_head")
      .set({
        prev_hash: prevs.at(-1) ?? head.prev_hash,
        hash: prev,
        seq,
        xid: rows.at(-1)?.xid ?? head.xid,
        signed_at: new Date(signed.signedAt),
        key_id: signed.keyId,
        mac: signed.mac,
      })
      .execute();
    return { sealed: rows.length, busy: false, head: signed };
  });
}

/**
 * The transaction id below which every transaction that could write this database's audit_log has
 * ended: the snapshot's xmin, except that transactions running in other databases of the same
 * cluster (transaction ids are cluster-wide) do not hold it back. Taken before this transaction has
 * an id of its own, so it never waits for itself.
 */
async function sealBound(tx: Db): Promise<string> {
  const snap = await sql<{ snap: string }>`select pg_current_snapshot()::text as snap`.execute(tx);
  const snapshot = snap.rows[0]?.snap;
  if (!snapshot) throw new Error("no snapshot");
  // Read after the snapshot: a transaction listed in it and still running shows its database here;
  // one that ended in between is not found and so, to be safe, counts as ours.
  const bound = await sql<{ bound: string }>`
    select coalesce(min(x), pg_snapshot_xmax(${snapshot}::pg_snapshot))::text as bound
    from pg_snapshot_xip(${snapshot}::pg_snapshot) as x
    where x::xid not in (
      select backend_xid from pg_stat_activity
      where backend_xid is not null and datid is not null
        and datid <> (select oid from pg_database where datname = current_database()))`.execute(tx);
  const xmin = bound.rows[0]?.bound;
  if (!xmin) throw new Error("no seal bound");
  return xmin;
}

type HeadRow = { seq: number; hash: string; signed_at: Date | null; key_id: string | null; mac: string | null };

/** The head row as a signed head, or null while it has never been signed. */
export function signedHeadOf(head: HeadRow): SignedHead | null {
  if (head.mac === null || head.key_id === null || head.signed_at === null) return null;
  return {
    format: "fyr-audit-anchor/1",
    seq: head.seq,
    hash: head.hash,
    signedAt: head.signed_at.toISOString(),
    keyId: head.key_id,
    mac: head.mac,
  };
}

/** The current sealed head as stored (it may still be unsigned right after migration 0020). */
export async function readSealedHead(db: Db): Promise<HeadRow | undefined> {
  return db.selectFrom("audit_head").select(["seq", "hash", "signed_at", "key_id", "mac"]).executeTakeFirst();
}

export interface SealerOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  key: AnchorKey;
  intervalMs?: number;
  /** Runs after each pass (the daily anchor mail); errors are logged, not fatal. */
  afterPass?: () => Promise<void>;
}

/** Seals every `intervalMs` (1 s) until stopped; for processes running the worker role. */
export function startAuditSealer(options: SealerOptions): Periodic {
  const { db, clock, key } = options;
  return startPeriodic({
    what: "audit sealing",
    logger: options.logger,
    intervalMs: options.intervalMs ?? 1000,
    async pass() {
      await sealAuditTrail(db, clock, key);
      await options.afterPass?.();
    },
    // A last pass, so a clean shutdown leaves nothing waiting for the next sealer.
    finalPass: async () => void (await sealAuditTrail(db, clock, key)),
  });
}
