import { inTransaction } from "../../platform/db/connect.js";
import { AppError } from "../../platform/errors.js";
import type { AdvisoryStatus } from "../../../contract/advisories.js";
import { auditAdvisory } from "./audit.js";
import { assertMayPublish, assertMayWrite, assertNotAnEditor } from "./policy.js";
import { advisoryNotFound } from "./save-text.js";
import { type AdvisoryRow, selectAdvisory, selectEditorsSince, selectTexts, updateAdvisory } from "./store.js";
import type { AdvisoryContext } from "./types.js";

// The four-eyes workflow: draft → in_review (a writer submits) → approved (a publisher who wrote none of
// it) → published (publish-advisory.ts). A published advisory opens a revision to change: back to draft,
// with the summary its CSAF revision history will carry.

export const wrongStatus = (row: AdvisoryRow, needed: string) =>
  new AppError("advisory_wrong_status", "conflict", `The advisory is ${row.status}; this step needs it ${needed}`);

export const swedishMissing = () =>
  new AppError("advisory_swedish_missing", "conflict", "Swedish is the original: write the Swedish text first");

type Step = { status: AdvisoryStatus; version: number };

async function step(
  ctx: AdvisoryContext,
  id: string,
  run: (row: AdvisoryRow, tx: AdvisoryContext["db"]) => Promise<AdvisoryRow>,
): Promise<Step> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await selectAdvisory(tx, id, true);
    if (!row) throw advisoryNotFound();
    const after = await run(row, tx);
    return { status: after.status, version: after.version };
  });
}

/** Sends a draft to review; it needs its Swedish text. */
export async function submitAdvisory(ctx: AdvisoryContext, id: string): Promise<Step> {
  assertMayWrite(ctx.actor);
  return step(ctx, id, async (row, tx) => {
    if (row.status !== "draft") throw wrongStatus(row, "draft");
    if (!(await selectTexts(tx, id)).some((t) => t.language === "sv")) throw swedishMissing();
    const after = await updateAdvisory(tx, id, { status: "in_review", updated_at: ctx.clock.now() });
    await auditAdvisory(ctx, tx, "submitted", row.tracking_id, { version: row.version });
    return after;
  });
}

/** Approves the version in review: a publisher who is not its author and saved none of its versions. */
export async function approveAdvisory(ctx: AdvisoryContext, id: string): Promise<Step> {
  assertMayPublish(ctx.actor);
  return step(ctx, id, async (row, tx) => {
    if (row.status !== "in_review") throw wrongStatus(row, "in review");
    assertNotAnEditor(ctx.actor, row.author_id, await selectEditorsSince(tx, id, row.published_version));
    const after = await updateAdvisory(tx, id, {
      status: "approved",
      approved_by: ctx.actor.userId,
      updated_at: ctx.clock.now(),
    });
    await auditAdvisory(ctx, tx, "approved", row.tracking_id, { version: row.version });
    return after;
  });
}

/** Opens a revision of a published advisory: editable again, published anew (revision + 1) after review. */
export async function openRevision(ctx: AdvisoryContext, id: string, summary: string): Promise<Step> {
  assertMayWrite(ctx.actor);
  return step(ctx, id, async (row, tx) => {
    if (row.status !== "published") throw wrongStatus(row, "published");
    const after = await updateAdvisory(tx, id, {
      status: "draft",
      approved_by: null,
      revision_summary: summary,
      updated_at: ctx.clock.now(),
    });
    await auditAdvisory(ctx, tx, "revision_opened", row.tracking_id, { revision: row.revision + 1, summary });
    return after;
  });
}
