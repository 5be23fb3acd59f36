import { createHash } from "node:crypto";

// How an audit entry is hashed: shared by the sealer, which writes the links, and verification.

// The hash before the first entry; migration 0004 seeds audit_head with it too.
export const GENESIS = "0".repeat(64);

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

export interface HashedFields {
  at: Date;
  actor_id: string | null;
  actor: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  diff: unknown;
  ip: string | null;
}

// The canonical text of an entry: what gets hashed, as read back from the database.
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

/** sha256(prev ‖ "\n" ‖ canonical body): the link the sealer writes and verification recomputes. */
export function entryHash(prev: string, e: HashedFields): string {
  return createHash("sha256").update(prev).update("\n").update(entryBody(e)).digest("hex");
}
