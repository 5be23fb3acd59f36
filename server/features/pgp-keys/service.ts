import type { PgpKeyInput, PgpKeyView } from "../../../contract/correspondence.js";
import { appendAudit } from "../../platform/audit.js";
import { inTransaction } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { conflict, forbidden, invalid, notFound } from "../../platform/errors.js";
import { hasRole } from "../../platform/auth/actor.js";
import { parsePublicKey } from "./parse-key.js";
import { type PgpKeyRow, deletePgpKey, insertPgpKey, selectPgpKeys } from "./store.js";

function assertAdmin(ctx: ServiceContext): void {
  if (!hasRole(ctx.actor, "admin")) throw forbidden("forbidden", "Only administrators manage recipients' keys");
}

function present(row: PgpKeyRow): PgpKeyView {
  return {
    id: row.id,
    email: row.email,
    fingerprint: row.fingerprint,
    userIds: row.user_ids,
    expiresAt: row.expires_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

/** Every recipient key, by address. */
export async function listPgpKeys(ctx: ServiceContext): Promise<PgpKeyView[]> {
  assertAdmin(ctx);
  return (await selectPgpKeys(ctx.db)).map(present);
}

/**
 * Stores a recipient's public key for an address (default: the key's only e-mail user id). The address
 * must be one of the key's user ids, so a pasted key cannot silently encrypt to the wrong person.
 */
export async function addPgpKey(ctx: ServiceContext, input: PgpKeyInput): Promise<PgpKeyView> {
  assertAdmin(ctx);
  const now = ctx.clock.now();
  const key = await parsePublicKey(input.armoredKey, now);
  const email = input.email?.toLowerCase() ?? (key.emails.length === 1 ? key.emails[0] : undefined);
  if (!email) {
    throw invalid("pgp_key_email_required", "Say which address this key is for", [
      { path: "body.email", message: `the key names ${key.emails.length} addresses; choose one`, code: "required" },
    ]);
  }
  if (!key.emails.includes(email)) {
    throw invalid("pgp_key_email_mismatch", "The key is not issued for this address", [
      { path: "body.email", message: `not among the key's user ids: ${key.userIds.join(", ")}`, code: "unknown_value" },
    ]);
  }
  return inTransaction(ctx.db, async (tx) => {
    const row = await insertPgpKey(tx, {
      email,
      armored_key: key.armored,
      fingerprint: key.fingerprint,
      user_ids: key.userIds,
      expires_at: key.expiresAt,
      created_at: now,
      created_by: ctx.actor.kind === "user" ? ctx.actor.userId : null,
    });
    if (!row) throw conflict("pgp_key_exists", `A key for ${email} is already stored; delete it first`);
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "pgp_key.added",
      target: { type: "pgp_key", id: row.id },
      diff: { email, fingerprint: key.fingerprint },
      ip: ctx.ip ?? null,
    });
    return present(row);
  });
}

/** Removes a recipient's key: mail to them goes unencrypted again. */
export async function removePgpKey(ctx: ServiceContext, id: string): Promise<void> {
  assertAdmin(ctx);
  await inTransaction(ctx.db, async (tx) => {
    const row = await deletePgpKey(tx, id);
    if (!row) throw notFound("pgp_key_not_found", "No such key");
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "pgp_key.deleted",
      target: { type: "pgp_key", id },
      diff: { email: row.email, fingerprint: row.fingerprint },
      ip: ctx.ip ?? null,
    });
  });
}
