import type { OperationsAttention } from "../../../contract/dashboard.js";
import type { ServiceContext } from "../../platform/deps.js";
import { browseAudit } from "./audit-browse.js";
import { assertMayOperate } from "./policy.js";
import { countFailedJobs, countMailProblems } from "./store.js";

/** Mail still queued after this long is a delivery problem too: the relay is down or refusing. */
const MAIL_STUCK_MS = 15 * 60_000;

/** What an administrator should look at now: failed jobs, mail that failed or is stuck, and the latest audit entries. */
export async function operationsAttention(ctx: ServiceContext): Promise<OperationsAttention> {
  assertMayOperate(ctx.actor);
  const now = ctx.clock.now();
  const [failedJobs, mail, audit] = await Promise.all([
    countFailedJobs(ctx.db),
    countMailProblems(ctx.db, new Date(now.getTime() - MAIL_STUCK_MS)),
    browseAudit(ctx, { limit: 5 }),
  ]);
  return { failedJobs, failedMail: mail.failed, stuckMail: mail.stuck, latestAudit: audit.items };
}
