import { sql } from "kysely";
import { type AnchorKey, type SignedHead, headSignatureValid } from "./audit-anchor.js";
import { GENESIS, entryHash } from "./audit-hash.js";
import { signedHeadOf } from "./audit-sealer.js";
import type { Db } from "./db/connect.js";

/** What can be wrong with the trail; every one is a fault to investigate, none is normal operation. */
export type AuditFault =
  /** An entry does not point at the entry before it (one was removed, inserted or reordered). */
  | "prev_hash_mismatch"
  /** An entry's contents no longer match its hash. */
  | "hash_mismatch"
  /** Chain positions are not 1, 2, 3 … or not in (transaction, id) order. */
  | "order_mismatch"
  /** The stored head is not where the chain ends (the last entries were removed, or the head moved). */
  | "head_mismatch"
  /** The head is unsigned, signed with another key, or its signature does not match. */
  | "head_unsigned"
  | "head_other_key"
  | "head_signature_invalid"
  /** An exported anchor is not signed with this key, or the chain no longer holds the hash it names. */
  | "anchor_invalid"
  | "anchor_mismatch"
  /** An entry has waited for its seal longer than the grace period: no sealer is running, or one is stuck. */
  | "unsealed";

export type AuditVerification =
  | { ok: true; entries: number; unsealed: number; signature: "valid" | "unchecked" | "none" }
  | { ok: false; entries: number; unsealed: number; brokenAt?: number; reason: AuditFault };

export interface VerifyOptions {
  /** Checks the head's signature (and `anchor`'s); without it the signature is "unchecked". */
  key?: AnchorKey;
  /** A head exported earlier (`fyr audit anchor`): the chain must still hold it. */
  anchor?: SignedHead;
  /** Unsealed entries younger than this are in flight, not a fault (default 10 s). */
  unsealedGraceMs?: number;
  batch?: number;
}

const DEFAULT_GRACE_MS = 10_000;

/**
 * Walks the sealed chain in order and names the first entry whose links, contents or position do
 * not add up; then checks that it ends at the signed head, that an exported anchor is still in it,
 * and that no entry has waited too long for its seal.
 */
export async function verifyAuditChain(db: Db, options: VerifyOptions = {}): Promise<AuditVerification> {
  const batch = options.batch ?? 2000;
  const unsealed = await countUnsealed(db);
  let prev = GENESIS;
  let count = 0;
  let last: { xid: bigint | null; id: number } | null = null;
  let anchorSeen = false;
  const fail = (reason: AuditFault, brokenAt?: number): AuditVerification => ({
    ok: false,
    entries: count,
    unsealed,
    reason,
    ...(brokenAt === undefined ? {} : { brokenAt }),
  });
  for (;;) {
    const rows = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", ">", count)
      .orderBy("seq")
      .limit(batch)
      .execute();
    for (const row of rows) {
      count++;
      if (row.prev_hash !== prev) return fail("prev_hash_mismatch", row.id);
      if (entryHash(prev, row) !== row.hash) return fail("hash_mismatch", row.id);
      const xid = row.xid === null ? null : BigInt(row.xid);
      // Entries chained before 0020 (no xid) come first, in id order; then (xid, id) order.
      const inOrder =
        last === null ||
        (last.xid === null
          ? xid !== null || row.id > last.id
          : xid !== null && (xid > last.xid || (xid === last.xid && row.id > last.id)));
      if (row.seq !== count || !inOrder) return fail("order_mismatch", row.id);
      if (options.anchor?.seq === count) {
        if (options.anchor.hash !== row.hash) return fail("anchor_mismatch", row.id);
        anchorSeen = true;
      }
      prev = row.hash;
      last = { xid, id: row.id };
    }
    if (rows.length < batch) break;
  }

  const head = await db
    .selectFrom("audit_head")
    .select(["seq", "hash", "signed_at", "key_id", "mac"])
    .executeTakeFirst();
  if (!head || head.seq !== count || head.hash !== prev) return fail("head_mismatch");
  let signature: "valid" | "unchecked" | "none" = "unchecked";
  if (options.key) {
    const signed = signedHeadOf(head);
    if (!signed) {
      if (count > 0) return fail("head_unsigned");
      signature = "none";
    } else if (signed.keyId !== options.key.id) return fail("head_other_key");
    else if (!headSignatureValid(options.key, signed)) return fail("head_signature_invalid");
    else signature = "valid";
  }
  if (options.anchor) {
    if (options.key && !headSignatureValid(options.key, options.anchor)) return fail("anchor_invalid");
    if (options.anchor.seq === 0 ? options.anchor.hash !== GENESIS : !anchorSeen) return fail("anchor_mismatch");
  }

  const graceMs = options.unsealedGraceMs ?? DEFAULT_GRACE_MS;
  const stale = await sql<{ id: number }>`
    select id from audit_log
    where seq is null and written_at < clock_timestamp() - make_interval(secs => ${graceMs / 1000})
    order by id limit 1`.execute(db);
  const staleId = stale.rows[0]?.id;
  if (staleId !== undefined) return fail("unsealed", staleId);
  return { ok: true, entries: count, unsealed, signature };
}

async function countUnsealed(db: Db): Promise<number> {
  const row = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("seq", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
