import type { Advisory, AdvisoryDiff } from "../../../contract/advisories.js";
import { inTransaction } from "../../platform/db/connect.js";
import { notFound } from "../../platform/errors.js";
import { auditAdvisory } from "./audit.js";
import { presentAdvisory, StoredContent } from "./content.js";
import { diffContent } from "./diff.js";
import { assertMayWrite, seesUnpublishedAdvisories } from "./policy.js";
import { advisoryNotFound } from "./save-text.js";
import { insertComment, selectAdvisoriesNaming, selectAdvisory, selectAdvisoryList, selectVersions } from "./store.js";
import type { AdvisoryContext } from "./types.js";
import type { ServiceContext } from "../../platform/deps.js";

/** The console's list: newest change first. */
export async function listAdvisories(ctx: AdvisoryContext) {
  assertMayWrite(ctx.actor);
  const rows = await selectAdvisoryList(ctx.db, 500);
  return rows.map((r) => ({
    id: r.id,
    trackingId: r.tracking_id,
    kind: r.kind,
    status: r.status,
    tlp: r.tlp,
    version: r.version,
    revision: r.revision,
    title: r.sv_title ?? r.en_title ?? "",
    translationLags: r.sv_version !== null && (r.en_source ?? 0) < r.sv_version,
    publishAt: r.publish_at?.toISOString() ?? null,
    currentReleaseAt: r.current_release_at?.toISOString() ?? null,
    updatedAt: r.updated_at.toISOString(),
  }));
}

export async function getAdvisory(ctx: AdvisoryContext, id: string): Promise<Advisory> {
  assertMayWrite(ctx.actor);
  const row = await selectAdvisory(ctx.db, id);
  if (!row) throw advisoryNotFound();
  return presentAdvisory(ctx.db, row);
}

/** What changed between two saved versions. */
export async function diffAdvisory(ctx: AdvisoryContext, id: string, from: number, to: number): Promise<AdvisoryDiff> {
  assertMayWrite(ctx.actor);
  const row = await selectAdvisory(ctx.db, id);
  if (!row) throw advisoryNotFound();
  const versions = await selectVersions(ctx.db, id, [from, to]);
  const a = versions.find((v) => v.version === from);
  const b = versions.find((v) => v.version === to);
  if (!a || !b) throw notFound("advisory_version_not_found", `No version ${!a ? from : to}`);
  return diffContent(from, to, StoredContent.parse(a.content), StoredContent.parse(b.content));
}

/** A comment on the advisory as it stands (any status: a reviewer says why they send it back). */
export async function commentOnAdvisory(ctx: AdvisoryContext, id: string, body: string): Promise<Advisory> {
  assertMayWrite(ctx.actor);
  return inTransaction(ctx.db, async (tx) => {
    const row = await selectAdvisory(tx, id);
    if (!row) throw advisoryNotFound();
    await insertComment(tx, {
      advisory_id: id,
      author_id: ctx.actor.userId,
      version: row.version,
      body,
      created_at: ctx.clock.now(),
    });
    await auditAdvisory(ctx, tx, "commented", row.tracking_id, { version: row.version, length: body.length });
    return presentAdvisory(tx, row);
  });
}

/** The advisories naming a CVE (the vulnerability page's section), as far as the reader may see them. */
export async function advisoriesNamingCve(ctx: ServiceContext, cve: string) {
  const rows = await selectAdvisoriesNaming(ctx.db, cve, !seesUnpublishedAdvisories(ctx.actor), 50);
  return rows.map((r) => ({
    id: r.id,
    trackingId: r.tracking_id,
    status: r.status,
    title: r.sv_title ?? r.en_title ?? "",
  }));
}
