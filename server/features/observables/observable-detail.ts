import { z } from "zod";
import type { ObservableDetail, ObservableLookup, ObservableUpdate } from "../../../contract/observables.js";
import type { Actor } from "../../platform/auth/actor.js";
import { appendAudit } from "../../platform/audit.js";
import { conflict, notFound } from "../../platform/errors.js";
import { keyset, readKeysetPage } from "../../platform/keyset-page.js";
import { presentValueHead, readTypedValue } from "./case-observables.js";
import {
  type ObservableRow,
  type SightingCursor,
  asSeenBy,
  countVisibleCases,
  selectInvolvedIncidents,
  selectObservable,
  selectObservableById,
  selectSeenRange,
  selectSightingsPage,
  replaceVerdictCases,
  updateObservableRow,
} from "./observable-store.js";
import { assertMayJudgeObservables, assertMayReadObservables } from "./policy.js";
import { presentTags } from "./tag-observable.js";
import { selectValueTags } from "./tags-store.js";
import type { ObservablesContext } from "./related.js";
import { loadWarningMatcher } from "./warning-lists.js";

const INVOLVED_INCIDENTS = 100;

const SIGHTING_KEYS = keyset<SightingCursor>(
  z
    .object({
      at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
      caseId: z.uuid(),
      origin: z.string().max(40),
      originId: z.uuid(),
    })
    .strict(),
);

const notVisible = () => notFound("observable_not_found", "No case you may see holds this value");

/** Its count of visible cases, or 404: a value only hidden cases hold does not exist for this viewer. */
async function visibleCount(ctx: ObservablesContext, actor: Actor, id: number): Promise<number> {
  const count = await countVisibleCases(ctx.db, actor, id, ctx.config.correlationCommonCases + 1);
  if (count === 0) throw notVisible();
  return count;
}

async function present(
  ctx: ObservablesContext,
  row: ObservableRow,
  caseCount: number,
  page: { limit: number; cursor?: string },
): Promise<ObservableDetail> {
  const threshold = ctx.config.correlationCommonCases;
  const [listed, tags, seen, incidents, sightings] = await Promise.all([
    loadWarningMatcher(ctx.db, ctx.config),
    selectValueTags(ctx.db, ctx.actor, row.id),
    selectSeenRange(ctx.db, ctx.actor, row.id),
    selectInvolvedIncidents(ctx.db, ctx.actor, row.id, INVOLVED_INCIDENTS),
    readKeysetPage(
      page,
      SIGHTING_KEYS,
      ({ after, limit }) => selectSightingsPage(ctx.db, ctx.actor, row.id, after, limit),
      (s) => ({ at: s.at_text, caseId: s.case_id, origin: s.origin, originId: s.origin_id }),
    ),
  ]);
  return {
    ...presentValueHead(row, listed),
    tags: presentTags(tags),
    common: caseCount > threshold,
    commonThreshold: threshold,
    caseCount,
    firstSeen: (seen.first ?? row.created_at).toISOString(),
    lastSeen: (seen.last ?? row.created_at).toISOString(),
    incidents: incidents.map((i) => ({
      reference: i.reference,
      title: i.title,
      status: i.status,
      tlp: i.tlp,
      lastSeen: i.last_seen.toISOString(),
    })),
    sightings: {
      items: sightings.rows.map((s) => ({
        kind: s.case_kind,
        reference: s.reference,
        title: s.title,
        origin: s.origin,
        seenAt: s.seen_at.toISOString(),
      })),
      nextCursor: sightings.nextCursor,
    },
    version: row.version,
  };
}

/** A value's page: every sighting the actor may see, first and last seen, incidents, verdict. */
export async function lookupObservable(ctx: ObservablesContext, query: ObservableLookup): Promise<ObservableDetail> {
  assertMayReadObservables(ctx.actor);
  // Sent pasted and maybe defanged: read it as the extractor would, so "1.2.3[.]4" finds 1.2.3.4.
  const value = readTypedValue(query, "querystring.value");
  const row = await selectObservable(ctx.db, value.type, value.value);
  if (row === undefined) throw notVisible();
  const count = await visibleCount(ctx, ctx.actor, row.id);
  return present(ctx, await asSeenBy(ctx.db, ctx.actor, row), count, query);
}

/** An analyst sets the verdict on a value or stops it correlating; a stale version is a 409. */
export async function updateObservable(
  ctx: ObservablesContext,
  id: number,
  patch: ObservableUpdate,
): Promise<ObservableDetail> {
  assertMayReadObservables(ctx.actor);
  const row = await ctx.db.transaction().execute(async (tx) => {
    const current = await selectObservableById(tx, id, { forUpdate: true });
    if (current === undefined) throw notVisible();
    await visibleCount({ ...ctx, db: tx }, ctx.actor, id);
    assertMayJudgeObservables(ctx.actor);
    // Against the version as this analyst sees it: a verdict hidden from them reads as none (version 0),
    // and a 409 would tell them it exists. Their verdict replaces it, on the cases holding the value now.
    const seen = await asSeenBy(tx, ctx.actor, current);
    if (seen.version !== patch.version)
      throw conflict("version_conflict", "The value was changed by someone else; reload it");
    const by = ctx.actor.kind === "user" ? ctx.actor.userId : null;
    // Starting from the verdict as they saw it: what they left out of a hidden one is not kept behind.
    const blank = seen === current ? {} : { tag: null, tagged_by: null, tagged_at: null, do_not_correlate: false };
    await updateObservableRow(tx, id, {
      ...blank,
      ...(patch.tag !== undefined ? { tag: patch.tag, tagged_by: by, tagged_at: ctx.clock.now() } : {}),
      ...(patch.doNotCorrelate !== undefined ? { do_not_correlate: patch.doNotCorrelate } : {}),
    });
    await replaceVerdictCases(tx, id);
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "observable.updated",
      target: { type: "observable", id: String(id) },
      diff: { type: current.type, value: current.value, tag: patch.tag, doNotCorrelate: patch.doNotCorrelate },
      ip: ctx.ip ?? null,
    });
    const updated = await selectObservableById(tx, id);
    if (updated === undefined) throw notVisible();
    return updated;
  });
  return present(ctx, await asSeenBy(ctx.db, ctx.actor, row), await visibleCount(ctx, ctx.actor, id), { limit: 50 });
}
