import { HIGH_CRITICALITY_SECTORS } from "../../../contract/intake.js";
import type { Clock } from "../../platform/clock.js";
import type { Config } from "../../platform/config.js";
import type { Db } from "../../platform/db/connect.js";
import { enqueue } from "../../platform/jobs/index.js";
import {
  advanceEscalation,
  claimPage,
  lockDueEscalations,
  startOverdueReportEscalations,
  stopSettledReportEscalations,
} from "./escalation-store.js";
import { oncallPageSpec } from "./page-spec.js";
import { StoredSteps, nextAfter } from "./steps.js";

/** Due steps handled per transaction; the rest wait for the next round of the same tick. */
const BATCH = 100;

export interface TickResult {
  started: number;
  stopped: number;
  paged: number;
}

/**
 * One escalation tick, safe to run on every node at once: starts escalations for overdue reports, stops
 * those whose report was taken in the console, and for each due step claims its page (a unique row) and
 * queues its job in the same transaction — so a step is paged once, and a node dying after the commit
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
  for (;;) {
    const handled = await deps.db.transaction().execute(async (tx) => {
      const due = await lockDueEscalations(tx, now, BATCH);
      for (const e of due) {
        const steps = StoredSteps.parse(e.steps);
        const pageId = await claimPage(tx, e.id, e.next_step, e.next_loop, now);
        if (pageId) {
          await enqueue(tx, oncallPageSpec, { pageId });
          paged++;
        }
        await advanceEscalation(tx, e.id, nextAfter(steps, e.loops, e.next_step, e.next_loop, now));
      }
      return due.length;
    });
    if (handled < BATCH) break;
  }
  return { started, stopped, paged };
}
