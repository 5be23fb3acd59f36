import type { FeedRun } from "../../../contract/feeds.js";
import { appendAudit } from "../../platform/audit.js";
import { inTransaction } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError, notFound } from "../../platform/errors.js";
import { presentRun } from "./present.js";
import { decideRunHold, selectRun } from "./sources-store.js";

// A surge (run-size.ts) is held back from the notifier until staff have looked: release it and the owners
// are told with the next pass; discard it and they are not (the events stay, for members and search).
// One decision per hold: a second one answers that it is decided already.

/** Staff's decision on a held run (`notify`: release to the owners, else discard); audited. */
export async function decideHeldRun(ctx: ServiceContext, runId: string, notify: boolean): Promise<FeedRun> {
  return inTransaction(ctx.db, async (tx) => {
    const run = await selectRun(tx, runId);
    if (!run) throw notFound("feed_run_not_found", "No feed run with this id");
    const decided = await decideRunHold(tx, runId, notify ? null : "discarded");
    if (!decided) throw new AppError("feed_run_not_held", "conflict", "The run is not held back from its owners");
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: notify ? "feed.run_released" : "feed.run_discarded",
      target: { type: "feed_run", id: runId },
      diff: { file: run.file_name, events: run.events_stored, matched: run.matched },
      ip: ctx.ip ?? null,
    });
    return presentRun(decided);
  });
}
