import { appendAudit } from "../../platform/audit.js";
import type { Db } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";

/**
 * Every list write's audit entry, in its transaction. The target is the list (its name is readable);
 * subscribers' addresses are personal data, so details carry them masked (maskAddress), never whole.
 */
export async function auditList(
  ctx: ServiceContext,
  tx: Db,
  action: `lists.${string}`,
  listId: string | null,
  diff: Record<string, unknown>,
): Promise<void> {
  await appendAudit(tx, ctx.clock, {
    actor: ctx.actor,
    action,
    ...(listId ? { target: { type: "mailing_list", id: listId } } : {}),
    diff,
    ip: ctx.ip ?? null,
  });
}
