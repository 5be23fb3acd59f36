import type { ObservableType } from "../../../contract/observables.js";
import {
  type ValueTag,
  type ValueTagList,
  canonicalTag,
  isExclusiveTag,
  tagTaxonomy,
} from "../../../contract/observable-tags.js";
import type { Actor } from "../../platform/auth/actor.js";
import { appendAudit } from "../../platform/audit.js";
import { type Db, inTransaction } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError, forbidden, invalid, notFound } from "../../platform/errors.js";
import { parseObservable } from "./extract/index.js";
import { countVisibleCases, selectObservableById } from "./observable-store.js";
import { assertMayJudgeObservables, assertMayReadObservables } from "./policy.js";
import { storeObservable } from "./sightings-store.js";
import {
  type TagViewer,
  type ValueTagRow,
  addTagCases,
  deleteTags,
  selectSeenTagsLike,
  selectTagState,
  selectValueTags,
  upsertTag,
} from "./tags-store.js";

// Tags on values: analysts add and remove them on a value's page; other features (YARA) tag values on
// Fyr's behalf through addObservableTag. A tag belongs to the cases that held the value when it was
// given, and only those who see one of them see it (platform/tlp.ts, tagVisibleSql).

/** The tag in its stored form, or a 400 naming the field. */
function readTag(typed: string, path: string): string {
  const read = canonicalTag(typed);
  if ("tag" in read) return read.tag;
  const message =
    read.refused === "verdict_word"
      ? "Malicious, benign and false positive are verdicts: set the verdict instead"
      : "The taxonomy (tlp, PAP, rsit) has no such value";
  throw invalid("observable_tag_invalid", message, [
    { path, message, code: read.refused === "verdict_word" ? "invalid" : "invalid_choice" },
  ]);
}

/** Tags as a value's page shows them: who added each (a person, or what in Fyr) and when. */
export function presentTags(rows: readonly ValueTagRow[]): ValueTag[] {
  return rows.map((r) => ({
    tag: r.tag,
    addedAt: r.added_at.toISOString(),
    addedBy:
      r.added_by_system !== null
        ? { kind: "system", name: r.added_by_system }
        : { kind: "user", name: r.user_name ?? "" },
  }));
}

const notVisible = () => notFound("observable_not_found", "No case you may see holds this value");

/** Locks the value (tag changes on one value take turns) and checks a case the actor sees holds it. */
async function lockVisibleValue(tx: Db, actor: Actor, id: number) {
  const row = await selectObservableById(tx, id, { forUpdate: true });
  if (row === undefined || (await countVisibleCases(tx, actor, id, 1)) === 0) throw notVisible();
  return row;
}

/**
 * Gives one stored tag: a tag of an exclusive taxonomy (tlp, PAP) first replaces the others of it that
 * the viewer sees; one already there that the viewer may not see is made theirs, as if new, so giving it
 * tells them nothing. Answers the tags it replaced.
 */
async function giveTag(
  tx: Db,
  viewer: TagViewer,
  w: { id: number; tag: string; by: { userId: string } | { system: string }; at: Date; caseIds?: string[] },
): Promise<string[]> {
  const taxonomy = tagTaxonomy(w.tag);
  const replaced =
    taxonomy !== null && isExclusiveTag(w.tag)
      ? (await selectSeenTagsLike(tx, viewer, w.id, `${taxonomy}:`)).filter((t) => t !== w.tag)
      : [];
  await deleteTags(tx, w.id, replaced);
  const state = await selectTagState(tx, viewer, w.id, w.tag);
  await upsertTag(tx, { ...w, asNew: state !== "seen" });
  await addTagCases(tx, w.id, w.tag, w.caseIds);
  return replaced;
}

/** An analyst tags a value they may see; giving a tag it has already changes only whose cases it holds. */
export async function tagObservable(ctx: ServiceContext, id: number, typed: string): Promise<ValueTagList> {
  assertMayReadObservables(ctx.actor);
  const tag = readTag(typed, "body.tag");
  const actor = ctx.actor;
  await ctx.db.transaction().execute(async (tx) => {
    const row = await lockVisibleValue(tx, actor, id);
    assertMayJudgeObservables(actor);
    if (actor.kind !== "user") throw forbidden();
    const replaced = await giveTag(tx, actor, { id, tag, by: { userId: actor.userId }, at: ctx.clock.now() });
    await appendAudit(tx, ctx.clock, {
      actor,
      action: "observable.tagged",
      target: { type: "observable", id: String(id) },
      diff: { type: row.type, value: row.value, tag, ...(replaced.length > 0 ? { replaced } : {}) },
      ip: ctx.ip ?? null,
    });
  });
  return { items: presentTags(await selectValueTags(ctx.db, actor, id)) };
}

/** An analyst removes a tag they see from a value (for everyone: like a verdict, it is one per value). */
export async function untagObservable(ctx: ServiceContext, id: number, typed: string): Promise<ValueTagList> {
  assertMayReadObservables(ctx.actor);
  const tag = readTag(typed, "querystring.tag");
  await ctx.db.transaction().execute(async (tx) => {
    const row = await lockVisibleValue(tx, ctx.actor, id);
    assertMayJudgeObservables(ctx.actor);
    // A tag hidden from them answers like one never given.
    if ((await selectTagState(tx, ctx.actor, id, tag)) !== "seen")
      throw notFound("observable_tag_not_found", "The value has no such tag");
    await deleteTags(tx, id, [tag]);
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "observable.untagged",
      target: { type: "observable", id: String(id) },
      diff: { type: row.type, value: row.value, tag },
      ip: ctx.ip ?? null,
    });
  });
  return { items: presentTags(await selectValueTags(ctx.db, ctx.actor, id)) };
}

/** What another feature asks to tag: a value (stored if new), the tag, and the cases it is about. */
export interface SystemTag {
  type: ObservableType;
  value: string;
  /** Free (`yara:Win_Emotet`) or a machine tag; checked and spelled as `canonicalTag` does. */
  tag: string;
  /**
   * The cases the tag is about (the case whose file matched): only those who see one of them see the
   * tag. Without it, every case holding the value now. A tag on no case is shown to admins alone.
   */
  caseIds?: string[];
}

/**
 * Fyr tags a value on its own behalf (`ctx.actor` is a system actor, whose name is recorded as the
 * tag's author, e.g. `systemActor("yara")`), in the caller's transaction when `ctx.db` is one. Idempotent:
 * tagging again adds the cases. Audited as `observable.tagged`. Answers the stored tag and the value's id.
 */
export async function addObservableTag(ctx: ServiceContext, input: SystemTag): Promise<{ id: number; tag: string }> {
  const actor = ctx.actor;
  if (actor.kind !== "system") throw new Error("addObservableTag tags on Fyr's behalf: pass a system actor");
  const value = parseObservable(input.value, input.type);
  if (value === null)
    throw new AppError("observable_invalid", "invalid", `Not a valid ${input.type}`, {
      errors: [{ path: "value", message: `Not a valid ${input.type}`, code: "invalid" }],
    });
  const tag = readTag(input.tag, "tag");
  return inTransaction(ctx.db, async (tx) => {
    const id = await storeObservable(tx, value);
    await selectObservableById(tx, id, { forUpdate: true });
    const by = { system: actor.name };
    const replaced = await giveTag(tx, null, { id, tag, by, at: ctx.clock.now(), caseIds: input.caseIds });
    await appendAudit(tx, ctx.clock, {
      actor,
      action: "observable.tagged",
      target: { type: "observable", id: String(id) },
      diff: { type: value.type, value: value.value, tag, caseIds: input.caseIds ?? null, replaced },
    });
    return { id, tag };
  });
}
