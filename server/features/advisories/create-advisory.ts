import type { AdvisoryCreate, AdvisoryKind } from "../../../contract/advisories.js";
import { inTransaction } from "../../platform/db/connect.js";
import { allocateYearlyNumber, yearIn } from "../../platform/db/yearly-number.js";
import { auditAdvisory } from "./audit.js";
import { contentOf } from "./content.js";
import { assertMayWrite } from "./policy.js";
import { insertAdvisory, insertVersion, selectTexts, upsertText } from "./store.js";
import type { AdvisoryContext } from "./types.js";

/** The tracking id's middle part per kind: säkerhetsrådgivning, flash (blixtmeddelande), veckobrev. */
const KIND_CODE: Record<AdvisoryKind, string> = { advisory: "SA", flash: "FL", weekly: "VB" };

/** FYR-SA-2026-0001: the prefix, the kind, the year where the CERT works, a number per kind and year. */
export function trackingIdFor(prefix: string, kind: AdvisoryKind, year: number, n: number): string {
  return `${prefix}-${KIND_CODE[kind]}-${year}-${String(n).padStart(4, "0")}`;
}

/** Starts a draft in one language (Swedish, the original, as a rule); version 1. */
export async function createAdvisory(
  ctx: AdvisoryContext,
  input: AdvisoryCreate,
): Promise<{ id: string; trackingId: string; status: "draft"; version: number }> {
  assertMayWrite(ctx.actor);
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (tx) => {
    const year = yearIn(now, ctx.config.timeZone);
    const n = await allocateYearlyNumber(tx, input.kind, year);
    const trackingId = trackingIdFor(ctx.config.referencePrefix, input.kind, year, n);
    const row = await insertAdvisory(tx, {
      tracking_id: trackingId,
      kind: input.kind,
      tlp: input.tlp,
      cves: [...new Set(input.cves ?? [])],
      products: JSON.stringify(input.products ?? []),
      exploitation: input.exploitation ?? "unknown",
      reference_urls: input.references ?? [],
      author_id: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    });
    await upsertText(tx, {
      advisory_id: row.id,
      language: input.language,
      title: input.title,
      summary: input.summary,
      body: input.body,
      measures: input.measures ?? "",
      items: JSON.stringify(input.items ?? []),
      text_version: 1,
      source_version: null,
      updated_by: ctx.actor.userId,
      updated_at: now,
    });
    const content = contentOf(row, await selectTexts(tx, row.id));
    await insertVersion(tx, {
      advisory_id: row.id,
      version: 1,
      content: JSON.stringify(content),
      saved_by: ctx.actor.userId,
      saved_at: now,
    });
    await auditAdvisory(ctx, tx, "created", trackingId, {
      kind: input.kind,
      language: input.language,
      title: input.title,
      tlp: input.tlp,
    });
    return { id: row.id, trackingId, status: "draft" as const, version: 1 };
  });
}
