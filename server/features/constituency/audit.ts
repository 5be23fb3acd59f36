import { appendAudit } from "../../platform/audit.js";
import type { Db } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { bumpRegistryVersion } from "./registry-version.js";

/**
 * Every registry write ends here, in its transaction: the audit entry (target: the organisation) and the
 * registry's version, so every process's owner index applies the organisation's change.
 */
export async function audit(
  ctx: ServiceContext,
  tx: Db,
  action: `constituency.${string}`,
  organisationId: string,
  diff: Record<string, unknown>,
): Promise<void> {
  await appendAudit(tx, ctx.clock, {
    actor: ctx.actor,
    action,
    target: { type: "organisation", id: organisationId },
    diff,
    ip: ctx.ip ?? null,
  });
  await bumpRegistryVersion(tx, ctx.clock.now(), [organisationId]);
}
