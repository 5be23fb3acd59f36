import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Actor } from "./auth/actor.js";
import { actorLabel } from "./auth/actor.js";
import type { Clock } from "./clock.js";
import type { Db } from "./db/connect.js";

// Serialises appends so each entry sees the true previous hash. Held to the end of the transaction.
const AUDIT_LOCK = 7_146_353_002;
const GENESIS = "0".repeat(64);

export interface AuditInput {
  actor: Actor;
  action: string;
  target?: { type: string; id: string };
  diff?: unknown;
  ip?: string | null;
}

/** Key-sorted JSON, so the hash survives jsonb's reordering of keys. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

interface HashedFields {
  at: Date;
  actor_id: string | null;
  actor: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  diff: unknown;
  ip: string | null;
}

function entryHash(prev: string, e: HashedFields): string {
  const body = canonicalJson([
    e.at.toISOString(),
    e.actor_id,
    e.actor,
    e.action,
    e.target_type,
    e.target_id,
    e.diff ?? null,
    e.ip,
  ]);
  return createHash("sha256").update(prev).update("\n").update(body).digest("hex");
}

/**
 * Appends one entry to the hash-chained audit trail, inside the caller's transaction
 * (so the entry commits or vanishes with the write it describes).
 */
export async function appendAudit(db: Db, clock: Clock, input: AuditInput): Promise<void> {
  if (!db.isTransaction) {
    await db.transaction().execute((tx) => appendAudit(tx, clock, input));
    return;
  }
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(db);
  const last = await db.selectFrom("audit_log").select("hash").orderBy("id", "desc").limit(1).executeTakeFirst();
  const prev = last?.hash ?? GENESIS;
  const fields: HashedFields = {
    at: clock.now(),
    actor_id: input.actor.kind === "user" ? input.actor.userId : null,
    actor: actorLabel(input.actor),
    action: input.action,
    target_type: input.target?.type ?? null,
    target_id: input.target?.id ?? null,
    diff: input.diff === undefined ? null : JSON.parse(canonicalJson(input.diff)),
    ip: input.ip ?? null,
  };
  await db
    .insertInto("audit_log")
    .values({
      ...fields,
      diff: fields.diff === null ? null : canonicalJson(fields.diff),
      prev_hash: prev,
      hash: entryHash(prev, fields),
    })
    .execute();
}

export type AuditVerification =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenAt: number; reason: "prev_hash_mismatch" | "hash_mismatch" };

/** Walks the chain in order and names the first entry whose links or contents do not add up. */
export async function verifyAuditChain(db: Db, batch = 2000): Promise<AuditVerification> {
  let prev = GENESIS;
  let after = 0;
  let count = 0;
  for (;;) {
    const rows = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("id", ">", after)
      .orderBy("id")
      .limit(batch)
      .execute();
    for (const row of rows) {
      count++;
      if (row.prev_hash !== prev) return { ok: false, entries: count, brokenAt: row.id, reason: "prev_hash_mismatch" };
      if (entryHash(prev, row) !== row.hash)
        return { ok: false, entries: count, brokenAt: row.id, reason: "hash_mismatch" };
      prev = row.hash;
      after = row.id;
    }
    if (rows.length < batch) return { ok: true, entries: count };
  }
}
