import { systemActor } from "../../platform/auth/actor.js";
import type { Clock } from "../../platform/clock.js";
import type { Config } from "../../platform/config.js";
import { type Db, inTransaction } from "../../platform/db/connect.js";
import type { Logger } from "../../platform/log.js";
import { type Periodic, startPeriodic } from "../../platform/periodic.js";
import { auditCoordination } from "./audit.js";
import { selectCaseByReference, selectEmbargoesDue, selectUserEmail, updateCaseRow } from "./cases-store.js";
import { queueEmbargoReminder } from "./mail.js";

// The embargo reminder: a day before a case's embargo ends, its coordinator is mailed once (a new date
// set on the case gets a reminder of its own). The row is locked and checked again in the transaction
// that queues the mail, so two workers never both send it.

/** How long before the embargo ends the reminder goes out. */
export const EMBARGO_NOTICE_MS = 24 * 3_600_000;

/** One pass: mails every reminder that is due; answers how many went out. */
export async function remindEmbargoes(deps: { db: Db; clock: Clock; config: Config }): Promise<number> {
  const now = deps.clock.now();
  const due = await selectEmbargoesDue(deps.db, now, new Date(now.getTime() + EMBARGO_NOTICE_MS));
  let sent = 0;
  for (const candidate of due) {
    await inTransaction(deps.db, async (tx) => {
      const c = await selectCaseByReference(tx, candidate.reference, { forUpdate: true });
      if (!c || c.embargo_reminded_at || !c.embargo_until) return;
      const coordinator = await selectUserEmail(tx, c.coordinator_id);
      if (coordinator)
        await queueEmbargoReminder({ db: tx, clock: deps.clock, config: deps.config }, c, coordinator.email);
      await updateCaseRow(tx, c.id, { embargo_reminded_at: now });
      const ctx = { db: tx, clock: deps.clock, actor: systemActor("embargo-reminder") };
      await auditCoordination(ctx, tx, "coordination.embargo_reminded", c.reference, {
        embargoUntil: c.embargo_until.toISOString(),
      });
      sent++;
    });
  }
  return sent;
}

/** The reminder pass in the worker role, every ten minutes. */
export function startEmbargoReminders(deps: { db: Db; clock: Clock; config: Config; logger: Logger }): Periodic {
  return startPeriodic({
    what: "embargo reminders",
    logger: deps.logger,
    intervalMs: 600_000,
    pass: async () => {
      const n = await remindEmbargoes(deps);
      if (n > 0) deps.logger.info({ reminded: n }, "embargo reminders mailed");
    },
  });
}
