import type { OperationsAttention } from "../../../contract/dashboard.js";
import type { ServiceContext } from "../../platform/deps.js";
import { listNodes } from "../../platform/nodes.js";
import { browseAudit } from "./audit-browse.js";
import { assertMayOperate } from "./policy.js";
import { countFailedJobs, countMailProblems } from "./store.js";

/** Mail still queued after this long is a delivery problem too: the relay is down or refusing. */
const MAIL_STUCK_MS = 15 * 60_000;

/** What an administrator should look at now: failed jobs, mail that failed or is stuck, the latest audit entries, the nodes. */
export async function operationsAttention(ctx: ServiceContext): Promise<OperationsAttention> {
  assertMayOperate(ctx.actor);
  const now = ctx.clock.now();
  const [failedJobs, mail, audit, nodes] = await Promise.all([
    countFailedJobs(ctx.db),
    countMailProblems(ctx.db, new Date(now.getTime() - MAIL_STUCK_MS)),
    browseAudit(ctx, { limit: 5 }),
    listNodes(ctx.db),
  ]);
  return {
    failedJobs,
    failedMail: mail.failed,
    stuckMail: mail.stuck,
    latestAudit: audit.items,
    // The dead-man's switch as the watcher last saw it (platform/nodes.ts).
    nodes: nodes.map((n) => ({
      ...n,
      startedAt: n.startedAt.toISOString(),
      lastTickAt: n.lastTickAt.toISOString(),
      stoppedAt: n.stoppedAt?.toISOString() ?? null,
    })),
    workerRunning: nodes.some((n) => !n.silent && n.stoppedAt === null && n.roles.includes("worker")),
  };
}
