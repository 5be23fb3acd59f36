import type { Clock } from "../../platform/clock.js";
import type { Db } from "../../platform/db/connect.js";
import type { Logger } from "../../platform/log.js";
import { type Periodic, startPeriodic } from "../../platform/periodic.js";
import { deleteExpiredTokens } from "./lists-store.js";

// Retention of the lists' personal data: an unconfirmed request is only its link, deleted when the link
// expires (72 hours); a list mail's unsubscribe link after a year. A subscriber is kept while on a list
// and deleted when they leave the last one; delivery rows go with their campaign.

/** One pass: drops expired links; answers how many. */
export async function pruneListLinks(db: Db, clock: Clock): Promise<number> {
  return deleteExpiredTokens(db, clock.now());
}

/** The pass in the worker role, hourly. */
export function startListRetention(deps: { db: Db; clock: Clock; logger: Logger }): Periodic {
  return startPeriodic({
    what: "list link retention",
    logger: deps.logger,
    intervalMs: 3_600_000,
    pass: async () => {
      const n = await pruneListLinks(deps.db, deps.clock);
      if (n > 0) deps.logger.info({ removed: n }, "expired list links removed");
    },
  });
}
