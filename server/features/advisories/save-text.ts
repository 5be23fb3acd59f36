import type { AdvisoryTextInput } from "../../../contract/advisories.js";
import { inTransaction } from "../../platform/db/connect.js";
import { AppError, notFound } from "../../platform/errors.js";
import { auditAdvisory } from "./audit.js";
import { contentOf, translationLags } from "./content.js";
import { assertMayWrite } from "./policy.js";
import { type AdvisoryRow, insertVersion, selectAdvisory, selectTexts, updateAdvisory, upsertText } from "./store.js";
import type { AdvisoryContext } from "./types.js";

export const advisoryNotFound = () => notFound("advisory_not_found", "No such advisory");

/** A published advisory changes only through a revision (CSAF revision history). */
export function assertEditable(row: AdvisoryRow): void {
  if (row.status === "published") {
    throw new AppError(
      "advisory_published",
      "conflict",
      "Open a revision (POST …/revisions) to change a published advisory",
    );
  }
}

/**
 * Saves one language's text (and, with either language, the shared fields). A change after submission
 * takes the advisory back to draft: what was reviewed or approved is no longer what would be published.
 * The English text records the Swedish text it was written against, so it shows when it lags.
 */
export async function saveAdvisoryText(
  ctx: AdvisoryContext,
  id: string,
  language: "sv" | "en",
  input: AdvisoryTextInput,
): Promise<{ version: number; translationLags: boolean }> {
  assertMayWrite(ctx.actor);
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (tx) => {
    const row = await selectAdvisory(tx, id, true);
    if (!row) throw advisoryNotFound();
    assertEditable(row);
    const texts = await selectTexts(tx, id);
    const previous = texts.find((t) => t.language === language);
    const sv = texts.find((t) => t.language === "sv");
    await upsertText(tx, {
      advisory_id: id,
      language,
      title: input.title,
      summary: input.summary,
      body: input.body,
      measures: input.measures ?? "",
      items: JSON.stringify(input.items ?? []),
      text_version: (previous?.text_version ?? 0) + 1,
      source_version: language === "en" ? (sv?.text_version ?? null) : null,
      updated_by: ctx.actor.userId,
      updated_at: now,
    });
    const version = row.version + 1;
    const updated = await updateAdvisory(tx, id, {
      version,
      updated_at: now,
      status: "draft",
      approved_by: null,
      publish_at: null,
      ...(input.tlp ? { tlp: input.tlp } : {}),
      ...(input.cves ? { cves: [...new Set(input.cves)] } : {}),
      ...(input.products ? { products: JSON.stringify(input.products) } : {}),
      ...(input.exploitation ? { exploitation: input.exploitation } : {}),
      ...(input.references ? { reference_urls: input.references } : {}),
    });
    const after = await selectTexts(tx, id);
    await insertVersion(tx, {
      advisory_id: id,
      version,
      content: JSON.stringify(contentOf(updated, after)),
      saved_by: ctx.actor.userId,
      saved_at: now,
    });
    const changed = Object.keys(input).filter((k) => input[k as keyof AdvisoryTextInput] !== undefined);
    await auditAdvisory(ctx, tx, "text_saved", row.tracking_id, {
      language,
      version,
      fields: changed,
      ...(row.status !== "draft" ? { backToDraftFrom: row.status } : {}),
    });
    return { version, translationLags: translationLags(after) };
  });
}
