import { appendAudit } from "../../platform/audit.js";
import type { Db } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";

/**
 * Every forum write's audit entry, in its transaction. The target is the forum; details name people by
 * name and address (the audit screen shows details to people), never internal ids alone.
 */
export async function audit(
  ctx: ServiceContext,
  tx: Db,
  action: `forums.${string}`,
  forumId: string,
  diff: Record<string, unknown>,
): Promise<void> {
  await appendAudit(tx, ctx.clock, {
    actor: ctx.actor,
    action,
    target: { type: "forum", id: forumId },
    diff,
    ip: ctx.ip ?? null,
  });
}
