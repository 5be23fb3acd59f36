import { systemActor } from "../../platform/auth/actor.js";
import type { Clock } from "../../platform/clock.js";
import type { Db } from "../../platform/db/connect.js";
import { startLeasedPeriodic } from "../../platform/leased-periodic.js";
import type { Logger } from "../../platform/log.js";
import type { Periodic } from "../../platform/periodic.js";
import { type RetentionMonths, applyRetention } from "./service.js";

/** The worker applies retention every few hours, one node at a time, its writes fenced by the lease. */
export function startRetention(options: {
  db: Db;
  clock: Clock;
  logger: Logger;
  node: string;
  settings: RetentionMonths;
  everyMs?: number;
}): Periodic {
  return startLeasedPeriodic({
    what: "retention",
    logger: options.logger,
    intervalMs: options.everyMs ?? 6 * 3_600_000,
    db: options.db,
    lease: "retention.apply",
    holder: options.node,
    async pass(fence) {
      const counts = await fence.run((tx) =>
        applyRetention(tx, options.clock, systemActor("retention"), options.settings),
      );
      options.logger.info({ counts }, "retention applied");
    },
  });
}
