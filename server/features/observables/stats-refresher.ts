import type { Db } from "../../platform/db/connect.js";
import type { Logger } from "../../platform/log.js";
import { type Periodic, startPeriodic } from "../../platform/periodic.js";
import { refreshPendingStats } from "./stats-store.js";

// The pass that keeps the observables index's summary current. Until it runs, what is pending is summed
// live by every index read (exact, only slower), so it trails writes without ever being wrong.

const LIMITS = { cases: 500, values: 20_000 };
// While requests queue: a small slice, so the index reads (which sum pending values live) stay cheap
// without taking the database from them.
const BUSY_LIMITS = { cases: 50, values: 2_000 };

/** Sums everything pending, a slice at a time (at most `maxSlices`); answers the marks cleared. */
export async function refreshObservableStats(db: Db, maxSlices = 10, limits = LIMITS): Promise<number> {
  let total = 0;
  for (let i = 0; i < maxSlices; i++) {
    const cleared = await refreshPendingStats(db, limits);
    total += cleared;
    if (cleared === 0) break;
  }
  return total;
}

/** Runs the pass every second until stopped (worker role); while `busy`, one small slice at a time. */
export function startObservableStatsRefresher(
  db: Db,
  logger: Logger,
  options: { busy?: () => boolean } = {},
): Periodic {
  const pass = async () =>
    void (await (options.busy?.() ? refreshObservableStats(db, 1, BUSY_LIMITS) : refreshObservableStats(db)));
  return startPeriodic({ what: "observable summary", logger, intervalMs: 1000, pass, finalPass: pass });
}
