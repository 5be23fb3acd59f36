import type { CaseCreate, CaseDetail, CaseList, CaseListQuery, CaseUpdate } from "../../../contract/coordination.js";
import type { UserActor } from "../../platform/auth/actor.js";
import type { Config } from "../../platform/config.js";
import { type Db, inTransaction } from "../../platform/db/connect.js";
import { allocateYearlyNumber, yearIn } from "../../platform/db/yearly-number.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError, forbidden, invalid } from "../../platform/errors.js";
import { z } from "zod";
import { keyset } from "../../platform/keyset-page.js";
import { loadVisibleIncident } from "../incidents/access.js";
import { auditCoordination } from "./audit.js";
import {
  type CaseRow,
  insertCase,
  selectCaseByReference,
  selectHistory,
  selectIncidentReference,
  selectUserName,
  selectParticipants,
  selectStaffCases,
  updateCaseRow,
} from "./cases-store.js";
import { assertMayCoordinate, caseNotFound, mayReadCoordination, staffSeesCase, staffSeesPost } from "./policy.js";
import { presentParticipant, presentStaffPost } from "./present.js";
import { selectFiles, selectMaterial, selectPosts, selectRecipients } from "./posts-store.js";

const cursor = keyset(z.object({ at: z.iso.datetime(), id: z.uuid() }));

export type CoordinationContext = ServiceContext & { config: Config };

/** The case as staff `ctx.actor` may see it, or 404 (a TLP:RED case hidden from them answers the same). */
export async function loadStaffCase(
  ctx: ServiceContext,
  reference: string,
  opts: { forUpdate?: boolean; db?: Db } = {},
): Promise<CaseRow> {
  if (!mayReadCoordination(ctx.actor) && ctx.actor.kind !== "system") throw forbidden();
  const row = await selectCaseByReference(opts.db ?? ctx.db, reference, opts);
  if (!row || !staffSeesCase(ctx.actor, row)) throw caseNotFound(reference);
  return row;
}

/** Like loadStaffCase, for a change: the actor coordinates, and the case is open (unless reopening). */
export async function loadCaseForChange(ctx: ServiceContext, tx: Db, reference: string, reopening = false) {
  const row = await loadStaffCase(ctx, reference, { forUpdate: true, db: tx });
  assertMayCoordinate(ctx.actor);
  if (row.status === "closed" && !reopening)
    throw new AppError("coordination_case_closed", "conflict", "The case is closed");
  return row;
}

/** Opens a case, from an incident (its TLP by default) or on its own; the opener coordinates it. */
export async function createCase(
  ctx: CoordinationContext & { actor: UserActor },
  input: CaseCreate,
): Promise<CaseDetail> {
  assertMayCoordinate(ctx.actor);
  const reference = await inTransaction(ctx.db, async (tx) => {
    const incident = input.incident ? await loadVisibleIncident(tx, ctx.actor, input.incident) : null;
    const now = ctx.clock.now();
    const n = await allocateYearlyNumber(tx, "coordination", yearIn(now, ctx.config.timeZone));
    const ref = `${ctx.config.referencePrefix}-CC-${yearIn(now, ctx.config.timeZone)}-${String(n).padStart(4, "0")}`;
    const tlp = input.tlp ?? incident?.tlp ?? "TLP:AMBER";
    const embargo = input.embargoUntil ? new Date(input.embargoUntil) : null;
    if (embargo && embargo <= now)
      throw invalid("validation_failed", "Some fields are invalid", [
        { path: "body.embargoUntil", message: "the embargo must end in the future", code: "invalid" },
      ]);
    await insertCase(tx, {
      reference: ref,
      title: input.title,
      summary: input.summary,
      tlp,
      incident_id: incident?.id ?? null,
      embargo_until: embargo,
      embargo_reminded_at: null,
      coordinator_id: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    });
    await auditCoordination(ctx, tx, "coordination.case_created", ref, {
      title: input.title,
      tlp,
      incident,
      embargoUntil: embargo?.toISOString() ?? null,
    });
    return ref;
  });
  return getCase(ctx, reference);
}

/** Changes a case's title, summary, TLP, status or embargo; a stricter TLP never weakens a post. */
export async function updateCase(ctx: CoordinationContext, reference: string, input: CaseUpdate): Promise<CaseDetail> {
  await inTransaction(ctx.db, async (tx) => {
    const row = await loadCaseForChange(ctx, tx, reference, input.status === "open");
    const now = ctx.clock.now();
    const embargo =
      input.embargoUntil === undefined ? undefined : input.embargoUntil ? new Date(input.embargoUntil) : null;
    await updateCaseRow(tx, row.id, {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.summary !== undefined ? { summary: input.summary } : {}),
      ...(input.tlp !== undefined ? { tlp: input.tlp } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      // A new embargo date gets its own reminder.
      ...(embargo !== undefined ? { embargo_until: embargo, embargo_reminded_at: null } : {}),
      updated_at: now,
    });
    await auditCoordination(ctx, tx, "coordination.case_updated", row.reference, { ...input });
  });
  return getCase(ctx, reference);
}

/** The cases staff see, newest change first. */
export async function listCases(ctx: ServiceContext, query: CaseListQuery): Promise<CaseList> {
  if (!mayReadCoordination(ctx.actor)) throw forbidden();
  const keys = cursor.decode(query.cursor);
  const after = keys ? { at: new Date(keys.at), id: keys.id } : undefined;
  const rows = await selectStaffCases(ctx.db, ctx.actor, { status: query.status, limit: query.limit + 1, after });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      reference: r.reference,
      title: r.title,
      tlp: r.tlp,
      status: r.status,
      embargoUntil: r.embargo_until?.toISOString() ?? null,
      participants: r.participants,
      posts: r.posts,
      updatedAt: r.updated_at.toISOString(),
    })),
    nextCursor:
      rows.length > query.limit && last ? cursor.encode({ at: last.updated_at.toISOString(), id: last.id }) : null,
  };
}

/** The whole case for staff: participants with their history, the posts they may see. */
export async function getCase(ctx: ServiceContext, reference: string): Promise<CaseDetail> {
  const c = await loadStaffCase(ctx, reference);
  const [participants, allPosts] = await Promise.all([selectParticipants(ctx.db, c.id), selectPosts(ctx.db, c.id)]);
  const posts = allPosts.filter((p) => staffSeesPost(ctx.actor, c, p));
  const ids = posts.map((p) => p.id);
  const [history, recipients, files, material, coordinator] = await Promise.all([
    selectHistory(
      ctx.db,
      participants.map((p) => p.id),
    ),
    selectRecipients(ctx.db, ids),
    selectFiles(ctx.db, ids),
    selectMaterial(ctx.db, ids),
    selectUserName(ctx.db, c.coordinator_id),
  ]);
  const incident = c.incident_id ? await selectIncidentReference(ctx.db, c.incident_id) : null;
  const parts = { files, material, participants };
  return {
    reference: c.reference,
    title: c.title,
    summary: c.summary,
    tlp: c.tlp,
    status: c.status,
    incident,
    embargoUntil: c.embargo_until?.toISOString() ?? null,
    coordinator: { id: c.coordinator_id, name: coordinator ?? "" },
    createdAt: c.created_at.toISOString(),
    participants: participants.map((p) => presentParticipant(p, history)),
    posts: posts.map((p) => presentStaffPost(p, recipients.get(p.id) ?? [], c, parts)),
  };
}
