import type { TokenCreated, TokenList } from "../../../contract/accounts.js";
import { appendAudit } from "../../platform/audit.js";
import { newApiToken, sha256Hex } from "../../platform/auth/secrets.js";
import type { ServiceContext } from "../../platform/deps.js";
import { notFound } from "../../platform/errors.js";
import { findToken, insertToken, listUserTokens, markTokenRevoked } from "./credentials-store.js";
import { ownUserId } from "./policy.js";

/** The caller's own API tokens (never the secrets). */
export async function listOwnTokens(ctx: ServiceContext): Promise<TokenList> {
  const rows = await listUserTokens(ctx.db, ownUserId(ctx.actor));
  return {
    items: rows.map((t) => ({
      id: t.id,
      label: t.label,
      createdAt: t.created_at.toISOString(),
      lastUsedAt: t.last_used_at?.toISOString() ?? null,
      revokedAt: t.revoked_at?.toISOString() ?? null,
    })),
  };
}

/** Creates an API token for the caller; the secret is returned this once and only its hash is kept. */
export async function createOwnToken(ctx: ServiceContext, label: string): Promise<TokenCreated> {
  return issueToken(ctx, ownUserId(ctx.actor), label);
}

/** Creates an API token acting as `userId` (own tokens, and the CLI for any user). */
export async function issueToken(ctx: ServiceContext, userId: string, label: string): Promise<TokenCreated> {
  const token = newApiToken();
  return ctx.db.transaction().execute(async (tx) => {
    const row = await insertToken(tx, { userId, label, tokenHash: sha256Hex(token), at: ctx.clock.now() });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "token.created",
      target: { type: "api_token", id: row.id },
      diff: { label, userId },
      ip: ctx.ip,
    });
    return { id: row.id, label: row.label, token };
  });
}

/** Revokes one of the caller's tokens (the system actor may revoke any); it stops working at once. */
export async function revokeToken(ctx: ServiceContext, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await findToken(tx, id);
    const mine = row && (ctx.actor.kind === "system" || row.user_id === ownUserId(ctx.actor));
    if (!row || !mine) throw notFound("token_not_found", "No such token");
    if (row.revoked_at) return;
    await markTokenRevoked(tx, id, ctx.clock.now());
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "token.revoked",
      target: { type: "api_token", id },
      diff: { label: row.label, userId: row.user_id },
      ip: ctx.ip,
    });
  });
}
