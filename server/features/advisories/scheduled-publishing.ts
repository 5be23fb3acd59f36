import { systemActor } from "../../platform/auth/actor.js";
import type { Logger } from "../../platform/log.js";
import { type Periodic, startPeriodic } from "../../platform/periodic.js";
import { type PublishDeps, publishNow } from "./publish-advisory.js";
import { selectAdvisory, selectDueAdvisories } from "./store.js";

/**
 * Publishes every scheduled advisory whose time has come (worker role, every 30 s), as the system, on
 * behalf of the publisher who approved it. Each publication takes the advisory's row lock and checks its
 * status again, so two workers never publish one twice.
 */
export async function publishDueAdvisories(deps: Omit<PublishDeps, "actor">, logger: Logger): Promise<number> {
  const due = await selectDueAdvisories(deps.db, deps.clock.now(), 20);
  let done = 0;
  for (const id of due) {
    const row = await selectAdvisory(deps.db, id);
    if (!row) continue;
    try {
      await publishNow({ ...deps, actor: systemActor("scheduled-publication") }, id, row.approved_by ?? row.author_id);
      done++;
    } catch (err) {
      logger.error({ err, trackingId: row.tracking_id }, "a scheduled advisory could not be published");
    }
  }
  return done;
}

export function startScheduledPublishing(deps: Omit<PublishDeps, "actor">, logger: Logger): Periodic {
  return startPeriodic({
    what: "scheduled advisory publication",
    logger,
    intervalMs: 30_000,
    pass: async () => void (await publishDueAdvisories(deps, logger)),
  });
}
