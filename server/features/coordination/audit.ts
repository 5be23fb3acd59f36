import { appendAudit } from "../../platform/audit.js";
import type { Db } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";

/** Every coordination write's audit entry, in its transaction; the target is the case's reference. */
export async function auditCoordination(
  ctx: ServiceContext,
  tx: Db,
  action: `coordination.${string}`,
  reference: string,
  diff: Record<string, unknown>,
): Promise<void> {
  await appendAudit(tx, ctx.clock, {
    actor: ctx.actor,
    action,
    target: { type: "coordination_case", id: reference },
    diff,
    ip: ctx.ip ?? null,
  });
}
