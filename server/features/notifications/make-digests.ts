import type { NotificationInterval } from "../../../contract/constituency.js";
import { type Db, inTransaction } from "../../platform/db/connect.js";
import { WriteBatch } from "../../platform/db/write-together.js";
import { allocateYearlyNumbers, yearIn } from "../../platform/db/yearly-number.js";
import type { NotificationTarget } from "../constituency/index.js";
import type { AdviceEntry } from "./compose-digest.js";
import {
  DIGEST_MAX_EVENTS,
  type DigestOutcome,
  type NotifyContext,
  addDigests,
  dropInhibited,
  notificationReference,
} from "./make-digest.js";
import { claimPendingMany, peekPendingMany } from "./pending-store.js";
import { type KnownAddresses, chooseRecipientGroups } from "./recipients.js";

// Several organisations' digests made together (the pass, 10,000 organisations at once): their events
// read in one statement, then in one transaction taken off the list, numbered, written and queued —
// a handful of round trips for the group instead of six per digest. The group is one transaction, so a
// crash leaves each organisation's events waiting or its digests made, as make-digest.ts does for one;
// should the group fail, the caller makes its digests one by one, so one organisation stops no other.

export interface DueDigest {
  target: NotificationTarget;
  interval: NotificationInterval;
  types: readonly string[];
}

/** Digests a pass makes in one transaction at most, and the waiting events they may hold together. */
export const DIGEST_GROUP = 20;
export const DIGEST_GROUP_EVENTS = 2_000;

/** Makes and queues the digests of every item; answers one outcome per item, in order. */
export async function makeDigestGroup(
  ctx: NotifyContext,
  items: readonly DueDigest[],
  advice: ReadonlyMap<string, AdviceEntry>,
  known: KnownAddresses,
): Promise<DigestOutcome[]> {
  const certKey = await ctx.notifier.certKey();
  const peeked = await peekPendingMany(
    ctx.db,
    items.map((i) => ({ organisationId: i.target.id, types: i.types })),
    DIGEST_MAX_EVENTS,
  );
  // Inhibitions read outside the transaction, as make-digest.ts explains.
  const kept: Set<string>[] = [];
  for (const [i, { target }] of items.entries()) {
    const events = peeked[i] ?? [];
    const left = target.hasInhibitions && events.length > 0 ? await dropInhibited(ctx, target.id, events) : events;
    kept.push(new Set(left.map((e) => e.event_id)));
  }
  return inTransaction(ctx.db, async (tx: Db) => {
    const claimed = await claimPendingMany(
      tx,
      items.flatMap(({ target }, i) => (peeked[i] ?? []).map((e) => ({ ...e, organisationId: target.id }))),
    );
    const now = ctx.clock.now();
    const plans = await Promise.all(
      items.map(async (item, i) => {
        const taken = (peeked[i] ?? []).filter((e) => claimed.has(`${item.target.id}/${e.event_id}`));
        const told = taken.filter((e) => kept[i]?.has(e.event_id));
        const groups = told.length > 0 ? await chooseRecipientGroups(tx, item.target, now, known) : [];
        return { item, told, inhibited: taken.length - told.length, groups };
      }),
    );
    const year = yearIn(now, ctx.notifier.timeZone);
    const numbers = await allocateYearlyNumbers(
      tx,
      "notification",
      year,
      plans.reduce((n, p) => n + p.groups.length, 0),
    );
    const batch = new WriteBatch(tx);
    const outcomes: DigestOutcome[] = [];
    let drawn = 0;
    for (const { item, told, inhibited, groups } of plans) {
      if (told.length === 0) {
        outcomes.push({ made: false, inhibited });
        continue;
      }
      const references = numbers
        .slice(drawn, (drawn += groups.length))
        .map((n) => notificationReference(ctx.notifier.referencePrefix, year, n));
      const digests = await addDigests(batch, ctx, { ...item, told, inhibited, groups, references, advice, certKey });
      outcomes.push({ made: true, digests, inhibited });
    }
    await batch.run();
    return outcomes;
  });
}
