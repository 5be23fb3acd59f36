import { systemActor } from "../../platform/auth/actor.js";
import type { Clock } from "../../platform/clock.js";
import type { Db } from "../../platform/db/connect.js";
import type { Logger } from "../../platform/log.js";
import { type Periodic, startPeriodic } from "../../platform/periodic.js";
import type { Notifier } from "./make-digest.js";
import { runDueNotifications } from "./run-notifications.js";

/**
 * The worker role's notifier: every minute, whatever is due is sent. Several workers may run it at once:
 * a digest takes its events under row locks, so the same events never go out twice.
 */
export function startNotificationPass(deps: { db: Db; clock: Clock; logger: Logger; notifier: Notifier }): Periodic {
  return startPeriodic({
    what: "notification pass",
    logger: deps.logger,
    intervalMs: 60_000,
    pass: async () => {
      const result = await runDueNotifications({
        db: deps.db,
        clock: deps.clock,
        actor: systemActor("notifications"),
        notifier: deps.notifier,
      });
      if (result.notifications > 0) deps.logger.info(result, "notifications sent");
      if (result.failed > 0) deps.logger.error({ failures: result.failures }, "some notifications could not be made");
    },
  });
}
