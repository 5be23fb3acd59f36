import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Actor } from "./auth/actor.js";
import { actorLabel } from "./auth/actor.js";
import type { Clock } from "./clock.js";
import type { Db } from "./db/connect.js";

// The hash before the first entry; migration 0004 seeds audit_head with it too.
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

// The canonical text of an entry: what gets hashed, here and (as a parameter) in appendAudit's SQL.
function entryBody(e: HashedFields): string {
  return canonicalJson([
    e.at.toISOString(),
    e.actor_id,
    e.actor,
    e.action,
    e.target_type,
    e.target_id,
    e.diff ?? null,
    e.ip,
  ]);
}

// Node strings hash as UTF-8, matching convert_to(…, 'UTF8') in appendAudit.
function entryHash(prev: string, e: HashedFields): string {
  return createHash("sha256").update(prev).update("\n").update(entryBody(e)).digest("hex");
}

/**
 * Appends one entry to the hash-chained audit trail, inside the caller's transaction
 * (so the entry commits or vanishes with the write it describes). Without one (a failed login,
 * which writes nothing else) the single statement below is atomic on its own.
 */
export async function appendAudit(db: Db, clock: Clock, input: AuditInput): Promise<void> {
  const fields: HashedFields = {
    at: clock.now(),
    actor_id: input.actor.kind === "user" ? input.actor.userId : null,
    actor: actorLabel(input.actor),
    action: input.action,
    target_type: input.target?.type ?? null,
    target_id: input.target?.id ?? null,
    // Round-tripped so the hashed value is what verifyAuditChain will read back from jsonb.
    diff: input.diff === undefined ? null : JSON.parse(canonicalJson(input.diff)),
    ip: input.ip ?? null,
  };
  const diff = fields.diff === null ? null : canonicalJson(fields.diff);
  // One statement: moving audit_head on takes its row lock, which every other appender then waits
  // for until we commit, so each entry links to the entry committed before it. The id is drawn
  // under that lock, so id order is chain order, the order verifyAuditChain walks.
  // chr(10) is the "\n" entryHash puts between the previous hash and the body.
  // Casts: parameters in an INSERT … SELECT list are not typed from the target columns.
  const inserted = await sql<{ id: number }>`
    with head as (
      update audit_head
      set prev_hash = hash,
          hash = encode(sha256(convert_to(hash || chr(10) || ${entryBody(fields)}::text, 'UTF8')), 'hex')
      returning prev_hash, hash
    )
    insert into audit_log (at, actor_id, actor, action, target_type, target_id, diff, ip, prev_hash, hash)
    select ${fields.at}::timestamptz, ${fields.actor_id}::uuid, ${fields.actor}::text, ${fields.action}::text,
      ${fields.target_type}::text, ${fields.target_id}::text, ${diff}::jsonb, ${fields.ip}::text,
      head.prev_hash, head.hash
    from head
    returning id`.execute(db);
  // Without its row (deleted by hand) the update matches nothing and the entry would vanish silently.
  if (inserted.rows.length !== 1) throw new Error("audit_head has no row; the audit trail cannot be appended to");
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
