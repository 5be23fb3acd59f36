import type { Actor } from "./auth/actor.js";
import { actorLabel } from "./auth/actor.js";
import type { Clock } from "./clock.js";
import type { Db } from "./db/connect.js";
import { type WriteBatch, dbOf, writeNowOrLater } from "./db/write-together.js";
import { canonicalJson } from "./audit-hash.js";

export { canonicalJson } from "./audit-hash.js";

export interface AuditInput {
  actor: Actor;
  action: string;
  target?: { type: string; id: string };
  diff?: unknown;
  ip?: string | null;
}

/**
 * Appends one entry to the audit trail, inside the caller's transaction (so the entry commits or
 * vanishes with the write it describes). Without one (a failed login, which writes nothing else) the
 * insert is atomic on its own. A plain insert that takes no shared lock: the column defaults stamp it
 * with the transaction id, and the sealer (audit-sealer.ts) chains it once that transaction is over.
 * Given a WriteBatch, the insert joins the batch's one statement instead.
 */
export async function appendAudit(db: Db | WriteBatch, clock: Clock, input: AuditInput): Promise<void> {
  await writeNowOrLater(db, [auditWrite(dbOf(db), clock, input)]);
}

/** appendAudit's insert, not yet run. */
function auditWrite(db: Db, clock: Clock, input: AuditInput) {
  const diff = input.diff === undefined ? null : canonicalJson(input.diff);
  return db.insertInto("audit_log").values({
    at: clock.now(),
    actor_id: input.actor.kind === "user" ? input.actor.userId : null,
    actor: actorLabel(input.actor),
    action: input.action,
    target_type: input.target?.type ?? null,
    target_id: input.target?.id ?? null,
    // Canonical text, so what the sealer reads back from jsonb hashes the same everywhere.
    diff,
    ip: input.ip ?? null,
  });
}

export { type AuditVerification, type VerifyOptions, verifyAuditChain } from "./audit-verify.js";
