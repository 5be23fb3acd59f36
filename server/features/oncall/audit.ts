import { appendAudit } from "../../platform/audit.js";
import type { Db } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";

/** Every rota and escalation write's audit entry, in the write's transaction. */
export async function auditOncall(
  ctx: ServiceContext,
  tx: Db,
  action: `oncall.${string}`,
  target: { type: string; id: string },
  diff: Record<string, unknown>,
): Promise<void> {
  await appendAudit(tx, ctx.clock, { actor: ctx.actor, action, target, diff, ip: ctx.ip ?? null });
}
