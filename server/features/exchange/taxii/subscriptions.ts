import { randomUUID } from "node:crypto";
import type { PullResult, Subscription, SubscriptionCreate } from "../../../../contract/exchange.js";
import { appendAudit } from "../../../platform/audit.js";
import { type Actor, systemActor } from "../../../platform/auth/actor.js";
import type { SecretBox } from "../../../platform/auth/secret-box.js";
import type { Clock } from "../../../platform/clock.js";
import type { Db } from "../../../platform/db/connect.js";
import { AppError, notFound } from "../../../platform/errors.js";
import type { StaffContext } from "../../../platform/http/context.js";
import type { Logger } from "../../../platform/log.js";
import { type Periodic, startPeriodic } from "../../../platform/periodic.js";
import { getOrganisation } from "../../constituency/index.js";
import { receivedValues } from "./received-values.js";
import {
  type ReceivedObject,
  type SubscriptionRow,
  claimDue,
  insertReceived,
  insertSubscription,
  recordPull,
  selectSubscription,
  selectSubscriptions,
  upsertReceivedValues,
} from "./subscriptions-store.js";
import { type Fetch, readCollection } from "./taxii-client.js";

// Partner collections Fyr pulls (the TAXII client's use cases): an admin subscribes to a partner's
// collection with the credentials the partner issued (sealed at rest); a pass pulls each due one,
// following pages, keeping the added_after cursor, storing every object version as received and the
// values its SCOs and indicator patterns name. Every pull audited.

const secretContext = (id: string) => `taxii-subscription:${id}`;

function present(row: SubscriptionRow & { objects?: number; values?: number }): Subscription {
  return {
    id: row.id,
    title: row.title,
    collectionUrl: row.collection_url,
    auth: row.auth_kind,
    organisationId: row.organisation_id,
    intervalMinutes: Math.round(row.interval_seconds / 60),
    addedAfter: row.added_after,
    lastPulledAt: row.last_pulled_at?.toISOString() ?? null,
    nextPullAt: row.next_pull_at.toISOString(),
    lastError: row.last_error,
    received: { objects: Number(row.objects ?? 0), values: Number(row.values ?? 0) },
  };
}

export async function createSubscription(
  ctx: StaffContext,
  secrets: SecretBox,
  input: SubscriptionCreate,
): Promise<Subscription> {
  if (input.organisationId) await getOrganisation(ctx, input.organisationId);
  const id = randomUUID();
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await insertSubscription(tx, {
      id,
      title: input.title,
      collection_url: input.collectionUrl,
      auth_kind: input.auth,
      username: input.username ?? null,
      secret_sealed: secrets.seal(input.secret, secretContext(id)),
      organisation_id: input.organisationId ?? null,
      interval_seconds: Math.max(60, input.intervalMinutes * 60),
      added_after: null,
      next_pull_at: now,
      last_pulled_at: null,
      last_error: null,
      created_by: ctx.actor.userId,
      created_at: now,
    });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "exchange.taxii_subscription_created",
      target: { type: "taxii_subscription", id },
      // Never the secret.
      diff: {
        title: input.title,
        collectionUrl: input.collectionUrl,
        auth: input.auth,
        organisationId: input.organisationId ?? null,
      },
      ip: ctx.ip ?? null,
    });
  });
  const row = await selectSubscription(ctx.db, id);
  if (!row) throw notFound("taxii_subscription_not_found");
  return present(row);
}

export async function listSubscriptions(ctx: StaffContext): Promise<Subscription[]> {
  return (await selectSubscriptions(ctx.db)).map(present);
}

export interface PullDeps {
  db: Db;
  clock: Clock;
  secrets: SecretBox;
  fetch?: Fetch;
  /** Objects asked for per page (default 1000). */
  pageSize?: number;
}

/**
 * Pulls one subscription now: every page after its cursor, each stored in one transaction. The cursor
 * moves (to the last page's X-TAXII-Date-Added-Last) only once the last page is in: objects added at
 * one instant may span pages, so a pull cut short starts again from the old cursor (storing is
 * idempotent) rather than skip the rest of that instant.
 */
export async function pullSubscription(deps: PullDeps, id: string, actor: Actor, ip?: string): Promise<PullResult> {
  const sub = await selectSubscription(deps.db, id);
  if (!sub) throw notFound("taxii_subscription_not_found", `No subscription ${id}`);
  const auth = {
    kind: sub.auth_kind,
    username: sub.username,
    secret: deps.secrets.open(sub.secret_sealed, secretContext(id)),
  };
  let cursor = sub.added_after;
  const result: PullResult = { pages: 0, objects: 0, values: 0, addedAfter: cursor };
  try {
    for await (const page of readCollection(sub.collection_url, auth, sub.added_after, {
      fetch: deps.fetch,
      limit: deps.pageSize,
    })) {
      const at = deps.clock.now();
      const objects: ReceivedObject[] = page.objects.map((o) => ({
        object_id: o.id,
        version: String(o.modified ?? o.created ?? at.toISOString()),
        type: o.type,
        date_added: null,
        body: o,
      }));
      const values = new Map<string, { type: string; value: string; object_id: string }>();
      for (const o of page.objects)
        for (const v of receivedValues(o)) values.set(`${v.type} ${v.value}`, { ...v, object_id: o.id });
      cursor = page.dateAddedLast ?? cursor;
      await deps.db.transaction().execute(async (tx) => {
        result.objects += await insertReceived(tx, id, at, objects);
        await upsertReceivedValues(tx, id, at, [...values.values()]);
      });
      result.pages += 1;
      result.values += values.size;
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await deps.db.transaction().execute(async (tx) => {
      await recordPull(tx, id, deps.clock.now(), { addedAfter: null, error: message.slice(0, 1000) });
      await appendAudit(tx, deps.clock, {
        actor,
        action: "exchange.taxii_pull_failed",
        target: { type: "taxii_subscription", id },
        diff: { ...result, error: message.slice(0, 300) },
        ip: ip ?? null,
      });
    });
    throw err instanceof AppError ? err : new AppError("taxii_pull_failed", "unavailable", message);
  }
  result.addedAfter = cursor;
  await deps.db.transaction().execute(async (tx) => {
    await recordPull(tx, id, deps.clock.now(), { addedAfter: cursor, error: null });
    await appendAudit(tx, deps.clock, {
      actor,
      action: "exchange.taxii_pulled",
      target: { type: "taxii_subscription", id },
      diff: result,
      ip: ip ?? null,
    });
  });
  return result;
}

/** Pulls the subscriptions that are due (each claimed first, so two nodes never pull one twice). */
export async function pullDue(deps: PullDeps & { logger?: Logger }): Promise<number> {
  const ids = await claimDue(deps.db, deps.clock.now(), 20);
  for (const id of ids) {
    try {
      await pullSubscription(deps, id, systemActor("taxii-client"));
    } catch (err) {
      deps.logger?.warn({ err, subscription: id }, "TAXII pull failed");
    }
  }
  return ids.length;
}

/** The scheduled pass: every minute, whatever subscriptions are due. */
export function startTaxiiPulls(deps: PullDeps & { logger: Logger }): Periodic {
  return startPeriodic({
    what: "TAXII pulls",
    logger: deps.logger,
    intervalMs: 60_000,
    pass: async () => {
      await pullDue(deps);
    },
  });
}
