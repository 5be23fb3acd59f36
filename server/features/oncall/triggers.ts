import { systemActor } from "../../platform/auth/actor.js";
import type { Clock } from "../../platform/clock.js";
import type { Config } from "../../platform/config.js";
import type { Db } from "../../platform/db/connect.js";
import type { OncallTrigger } from "../../platform/db/tables/oncall.js";
import { listNodes } from "../../platform/nodes.js";
import { criticalFeedFindings, lateFeedSources } from "../feeds/index.js";
import { nis2DeadlinesDue } from "../intake/service.js";
import { operationsAttention } from "../operations/attention.js";
import { startEscalation } from "./escalation-store.js";
import { wallClock } from "./local-time.js";

// The triggers besides overdue reports (tick.ts): the CERT's own NIS2 deadlines, failed jobs or mail,
// the dead-man's switch (a peer node gone silent, a feed that missed its delivery), and whatever another
// feature raises (a critical feed event at an essential entity). Each starts one
// escalation per subject key: a second raise of the same subject is a no-op.

const NIS2_HORIZON_MS = 2 * 3_600_000;
const NIS2_EVERY_MS = 60_000;
let lastNis2Pass = 0;

/** Raises an alarm for a subject, once per key (the seam other features call, in their transaction). */
export function raiseOncallAlarm(
  deps: { db: Db; clock: Clock },
  alarm: { trigger: OncallTrigger; key: string; reference: string; title: string; essential?: boolean },
): Promise<boolean> {
  return startEscalation(
    deps.db,
    {
      trigger: alarm.trigger,
      subject_key: alarm.key,
      subject_ref: alarm.reference,
      title: alarm.title.slice(0, 200),
      priority: alarm.essential ? 0 : 1,
    },
    deps.clock.now(),
  );
}

/**
 * Failed jobs, failed or stuck mail (operations' attention counts), and the CERT's own NIS2 deadlines
 * (initial feedback within 24 h of an early warning) due within two hours: one alarm per kind and local
 * day, one per deadline.
 */
export async function raiseOperationsAlarms(deps: { db: Db; clock: Clock; config: Config }): Promise<void> {
  const now = deps.clock.now();
  const day = wallClock(now, deps.config.timeZone).date;
  const ops = await operationsAttention({ db: deps.db, clock: deps.clock, actor: systemActor("oncall") });
  if (ops.failedJobs > 0)
    await raiseOncallAlarm(deps, {
      trigger: "operations-alarm",
      key: `failed-jobs:${day}`,
      reference: `jobs ${day}`,
      title: `${ops.failedJobs} failed jobs`,
    });
  if (ops.failedMail + ops.stuckMail > 0)
    await raiseOncallAlarm(deps, {
      trigger: "operations-alarm",
      key: `mail:${day}`,
      reference: `mail ${day}`,
      title: `${ops.failedMail} failed, ${ops.stuckMail} stuck mails`,
    });
  await raiseDeadMansAlarms(deps);
  // The NIS2 pass reads several queries per report: at most once a minute per process.
  if (Date.now() - lastNis2Pass < NIS2_EVERY_MS) return;
  lastNis2Pass = Date.now();
  await raiseCriticalFeedAlarms(deps);
  const due = await nis2DeadlinesDue(deps.db, systemActor("oncall"), now, NIS2_HORIZON_MS);
  for (const d of due.filter((x) => x.party === "cert"))
    await raiseOncallAlarm(deps, {
      trigger: "nis2-deadline",
      key: `${d.reference}:${d.kind}`,
      reference: d.reference,
      title: `${d.kind} ${d.dueAt}`,
      essential: true,
    });
}

/**
 * The dead-man's switch pages someone: each silence of a peer node (as the node watcher noticed it,
 * platform/nodes.ts; one alarm per silence — its last tick is in the key, so a node that comes back
 * and falls silent again pages again), and each feed source past its expected delivery (one alarm per
 * missed period: the last good run is in the key). A stopped worker cannot page (this loop runs on
 * workers): the outside monitor notices the heartbeat URL no longer pinged.
 */
export async function raiseDeadMansAlarms(deps: { db: Db; clock: Clock }): Promise<void> {
  for (const node of (await listNodes(deps.db)).filter((n) => n.silent))
    await raiseOncallAlarm(deps, {
      trigger: "operations-alarm",
      key: `node-silent:${node.id}:${node.lastTickAt.toISOString()}`,
      reference: `node ${node.id}`,
      title: `Node ${node.id} silent since ${node.lastTickAt.toISOString()}`,
      essential: true,
    });
  for (const source of await lateFeedSources(deps.db, deps.clock.now()))
    await raiseOncallAlarm(deps, {
      trigger: "operations-alarm",
      key: `feed-late:${source.name}:${source.lastSuccessAt?.toISOString() ?? "never"}`,
      reference: `feed ${source.name}`,
      title: `Feed ${source.name} missed its delivery (expected every ${source.expectedEveryHours} h)`,
    });
}

/** Runs finished this long ago are still looked at: a loop that missed a minute or two misses nothing. */
const CRITICAL_FEED_LOOKBACK_MS = 60 * 60_000;

/**
 * The critical-feed trigger: compromised systems at an essential entity in a finished feed run start
 * one escalation per run and organisation (first in line: essential), of the critical-feed policy.
 */
export async function raiseCriticalFeedAlarms(deps: { db: Db; clock: Clock }): Promise<void> {
  const since = new Date(deps.clock.now().getTime() - CRITICAL_FEED_LOOKBACK_MS);
  for (const f of await criticalFeedFindings(deps.db, since))
    await raiseOncallAlarm(deps, {
      trigger: "critical-feed",
      key: `${f.runId}:${f.organisation.id}`,
      reference: f.organisation.name,
      title: `${f.events} compromised systems at ${f.organisation.name}`,
      essential: true,
    });
}
