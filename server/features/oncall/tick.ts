import { HIGH_CRITICALITY_SECTORS } from "../../../contract/intake.js";
import type { Clock } from "../../platform/clock.js";
import type { Config } from "../../platform/config.js";
import type { Db } from "../../platform/db/connect.js";
import { pageDueEscalations, startOverdueReportEscalations, stopSettledReportEscalations } from "./escalation-store.js";
import { oncallPageSpec } from "./page-spec.js";
import { MIN_LOOP_WAIT_MINUTES } from "./steps.js";

/** Due steps handled per statement; the rest go in the next round of the same tick. */
const BATCH = 500;

export interface TickResult {
  started: number;
  stopped: number;
  paged: number;
}

/**
 * One escalation tick, safe to run on every node at once: starts escalations for overdue reports, stops
 * those whose report was taken in the console, and for each due step claims its page (a unique row) and
 * queues its job in the same statement — so a step is paged once, and a node dying after the commit
 * leaves a job another node runs.
 */
export async function escalationTick(deps: {
  db: Db;
  clock: Clock;
  config: Pick<Config, "ackTargetMinutes" | "ackTargetNis2Minutes">;
}): Promise<TickResult> {
  const now = deps.clock.now();
  const started = await startOverdueReportEscalations(deps.db, now, {
    generalMinutes: deps.config.ackTargetMinutes,
    essentialMinutes: deps.config.ackTargetNis2Minutes,
    essentialSectors: HIGH_CRITICALITY_SECTORS,
  });
  const stopped = await stopSettledReportEscalations(deps.db, now);
  let paged = 0;
  const job = {
    name: oncallPageSpec.name,
    maxAttempts: oncallPageSpec.maxAttempts ?? 8,
    priority: oncallPageSpec.priority ?? 100,
  };
  for (;;) {
    const round = await pageDueEscalations(deps.db, now, BATCH, job, MIN_LOOP_WAIT_MINUTES);
    paged += round.paged;
    if (round.due < BATCH) break;
  }
  return { started, stopped, paged };
}
