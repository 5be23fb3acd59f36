import type { NotificationInterval } from "../../../contract/constituency.js";
import type { NotificationRunResult } from "../../../contract/notifications.js";
import { notificationTargets } from "../constituency/index.js";
import { loadAdvice } from "./advice.js";
import { type DigestOutcome, type NotifyContext, makeDigest } from "./make-digest.js";
import { DIGEST_GROUP, DIGEST_GROUP_EVENTS, type DueDigest, makeDigestGroup } from "./make-digests.js";
import { lookUpAddresses } from "./recipients.js";
import { collectFinishedRuns, selectLastDigests, selectPendingGroups } from "./pending-store.js";
import { intervalFor, isDue } from "./schedule.js";

// The notifier's pass (worker role every minute, an admin's "run", staff's "send now"): finished feed
// runs' owned events join the waiting list; then, per organisation, the events of each interval that is
// due (schedule.ts) become one digest each (make-digest.ts). Deciding reads only the waiting list's
// counts and the last digest per interval; the events themselves are read by the digest that takes them.

const COLLECT_BATCH = 100;
/** Digests made at once at most (each in its own transaction, on its own pooled connection). */
const PARALLEL = 4;

export interface RunOptions {
  /** Only this organisation's waiting events. */
  organisationId?: string;
  /** Send now: every interval counts as due (staff's "send now"). */
  force?: boolean;
}

/** Collects, decides and sends whatever is due now; answers how many digests went to how many organisations. */
export async function runDueNotifications(
  ctx: NotifyContext,
  options: RunOptions = {},
): Promise<NotificationRunResult> {
  // A bounded number of rounds: a pass must end even while feeds keep finishing.
  for (let round = 0; round < 50; round++) {
    const collected = await collectFinishedRuns(ctx.db, COLLECT_BATCH);
    if (collected.runs < COLLECT_BATCH) break;
  }
  const groups = await selectPendingGroups(ctx.db, options.organisationId);
  if (groups.length === 0) return { notifications: 0, organisations: 0, inhibited: 0, failed: 0, failures: [] };
  const organisationIds = [...new Set(groups.map((g) => g.organisation_id))];
  const targets = await notificationTargets(ctx, organisationIds);
  const last = new Map(
    (await selectLastDigests(ctx.db, organisationIds)).map((r) => [`${r.organisation_id}/${r.interval}`, r.last]),
  );
  const now = ctx.clock.now();
  // Per organisation: the types of each interval that is due.
  const due: { organisationId: string; interval: NotificationInterval; types: string[] }[] = [];
  const byOrg = new Map<string, Map<NotificationInterval, string[]>>();
  for (const g of groups) {
    const target = targets.get(g.organisation_id);
    if (!target) continue;
    const interval = intervalFor(target.interval, g.classification_type);
    let intervals = byOrg.get(g.organisation_id);
    if (!intervals) byOrg.set(g.organisation_id, (intervals = new Map()));
    const types = intervals.get(interval) ?? [];
    types.push(g.classification_type);
    intervals.set(interval, types);
  }
  for (const [organisationId, intervals] of byOrg)
    for (const [interval, types] of intervals) {
      const lastAt = last.get(`${organisationId}/${interval}`) ?? null;
      if (options.force || isDue(interval, lastAt, now, ctx.notifier.timeZone))
        due.push({ organisationId, interval, types });
    }
  const advice = await loadAdvice(ctx.db);
  const known = await lookUpAddresses(
    ctx.db,
    due.flatMap((d) => targets.get(d.organisationId) ?? []),
    now,
  );
  const told = new Set<string>();
  let notifications = 0;
  let inhibited = 0;
  const failed: { organisation: string; error: string }[] = [];
  const width = Math.max(1, Math.min(PARALLEL, ctx.notifier.parallel));
  const tally = (item: DueDigest, outcome: DigestOutcome) => {
    inhibited += outcome.inhibited;
    if (!outcome.made) return;
    notifications += outcome.digests.length;
    told.add(item.target.id);
  };
  const one = async (item: DueDigest) => {
    try {
      tally(item, await makeDigest(ctx, item.target, item.interval, item.types, advice, known));
    } catch (err) {
      // One organisation's failure (its events stay waiting, tried again next pass) stops no other.
      failed.push({ organisation: item.target.name, error: err instanceof Error ? err.message : String(err) });
    }
  };
  const items = due.flatMap((d) => {
    const target = targets.get(d.organisationId);
    return target ? [{ target, interval: d.interval, types: d.types }] : [];
  });
  // Waiting events per organisation: a group stays a few thousand events (one statement writes it all).
  const waiting = new Map<string, number>();
  for (const g of groups) waiting.set(g.organisation_id, (waiting.get(g.organisation_id) ?? 0) + g.events);
  let next = 0;
  const nextGroup = () => {
    const group: DueDigest[] = [];
    let events = 0;
    while (next < items.length && group.length < DIGEST_GROUP) {
      const item = items[next];
      if (!item) break;
      const size = waiting.get(item.target.id) ?? 0;
      if (group.length > 0 && events + size > DIGEST_GROUP_EVENTS) break;
      group.push(item);
      events += size;
      next++;
    }
    return group;
  };
  // Each worker takes a group of digests at a time (make-digests.ts); a group that fails is made one by one.
  const worker = async () => {
    for (;;) {
      const group = nextGroup();
      if (group.length === 0) return;
      let outcomes: DigestOutcome[] | undefined;
      try {
        outcomes = group.length > 1 ? await makeDigestGroup(ctx, group, advice, known) : undefined;
      } catch {
        outcomes = undefined;
      }
      if (outcomes) group.forEach((item, i) => outcomes[i] && tally(item, outcomes[i]));
      else for (const item of group) await one(item);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return { notifications, organisations: told.size, inhibited, failed: failed.length, failures: failed.slice(0, 20) };
}
