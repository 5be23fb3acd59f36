import { appendAudit } from "../../platform/audit.js";
import type { Db } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";

/** What happens to advisories, as the audit trail names it (words in web/lib/i18n/attention.*.json). */
export type AdvisoryAction =
  | "created"
  | "text_saved"
  | "commented"
  | "submitted"
  | "approved"
  | "scheduled"
  | "published"
  | "revision_opened"
  | "news_added";

/** One audit entry about an advisory, named by its tracking id (never its uuid), in the caller's transaction. */
export async function auditAdvisory(
  ctx: ServiceContext,
  tx: Db,
  action: AdvisoryAction,
  trackingId: string,
  diff: object,
): Promise<void> {
  await appendAudit(tx, ctx.clock, {
    actor: ctx.actor,
    action: `advisory.${action}`,
    target: { type: "advisory", id: trackingId },
    diff: { ...diff },
    ip: ctx.ip ?? null,
  });
}
