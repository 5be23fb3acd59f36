import type { Clock } from "../../platform/clock.js";
import type { Config } from "../../platform/config.js";
import type { Db } from "../../platform/db/connect.js";
import type { Logger } from "../../platform/log.js";
import { type Periodic, startPeriodic } from "../../platform/periodic.js";
import { raiseOperationsAlarms } from "./triggers.js";
import { sendShiftReminders } from "./reminders.js";
import { escalationTick } from "./tick.js";

/**
 * The worker's duty loop: every tick the escalation tick (safe on every node at once), the other
 * triggers (NIS2 deadlines of the CERT's own, operations alarms) and the shift reminders.
 */
export function startOncallLoop(deps: { db: Db; clock: Clock; config: Config; logger: Logger }): Periodic {
  return startPeriodic({
    what: "oncall",
    logger: deps.logger,
    intervalMs: deps.config.oncall.tickMs,
    pass: async () => {
      await raiseOperationsAlarms(deps);
      const tick = await escalationTick(deps);
      const reminders = await sendShiftReminders(deps);
      if (tick.started || tick.paged || reminders) deps.logger.info({ ...tick, reminders }, "oncall tick");
    },
  });
}
