import type { AuditPage, AuditQuery, AuditVerification } from "../../../contract/operations.js";
import { verifyAuditChain } from "../../platform/audit.js";
import type { AnchorKey } from "../../platform/audit-anchor.js";
import type { ServiceContext } from "../../platform/deps.js";
import { readKeysetPage } from "../../platform/keyset-page.js";
import { ID_KEYS } from "./cursor.js";
import { assertMayOperate } from "./policy.js";
import { type AuditFilter, selectAuditEntries, selectUserNamesById } from "./store.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Turns the console's filter fields into a store filter; empty fields mean "any". */
function toFilter(query: AuditQuery): AuditFilter {
  const filter: AuditFilter = {};
  if (query.actor) {
    if (UUID.test(query.actor)) filter.actorId = query.actor.toLowerCase();
    else filter.actorPrefix = query.actor;
  }
  if (query.action) {
    if (query.action.endsWith("*")) filter.actionPrefix = query.action.slice(0, -1);
    else filter.action = query.action;
  }
  if (query.targetType) filter.targetType = query.targetType;
  if (query.targetId) filter.targetId = query.targetId;
  if (query.from) filter.from = new Date(query.from);
  if (query.to) filter.to = new Date(query.to);
  return filter;
}

/** One page of the audit trail, newest first, filtered by actor, action, target and time. */
export async function browseAudit(ctx: ServiceContext, query: AuditQuery): Promise<AuditPage> {
  assertMayOperate(ctx.actor);
  const filter = toFilter(query);
  const { rows, nextCursor } = await readKeysetPage(
    query,
    ID_KEYS,
    ({ after, limit }) => selectAuditEntries(ctx.db, filter, after?.id, limit),
    (row) => ({ id: row.id }),
  );
  // Names as they are now, so the console shows people, not addresses or ids.
  const userIds = rows.flatMap((r) => [
    ...(r.actor_id ? [r.actor_id] : []),
    ...(r.target_type === "user" && r.target_id && UUID.test(r.target_id) ? [r.target_id] : []),
  ]);
  const names = await selectUserNamesById(ctx.db, [...new Set(userIds)]);
  return {
    nextCursor,
    items: rows.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actor: row.actor,
      actorId: row.actor_id,
      actorName: row.actor_id ? (names.get(row.actor_id) ?? null) : null,
      targetName: row.target_type === "user" && row.target_id ? (names.get(row.target_id) ?? null) : null,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      diff: row.diff,
      ip: row.ip,
    })),
  };
}

/**
 * Checks the whole sealed chain, the head's signature with the anchor key, and that nothing waits
 * too long for its seal; names the first broken entry.
 */
export async function verifyAudit(ctx: ServiceContext, key: AnchorKey): Promise<AuditVerification> {
  assertMayOperate(ctx.actor);
  return verifyAuditChain(ctx.db, { key });
}
