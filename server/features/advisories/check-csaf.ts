import { contentOf, translationLags } from "./content.js";
import { checkDocuments, languagesToPublish, type ProviderOptions } from "./csaf/produce.js";
import { assertMayWrite } from "./policy.js";
import { advisoryNotFound } from "./save-text.js";
import { nextReleaseFacts } from "./release-facts.js";
import { selectAdvisory, selectTexts } from "./store.js";
import type { AdvisoryContext } from "./types.js";

/**
 * The CSAF documents the advisory would publish now, validated (the console's "CSAF validation" panel):
 * each failed test in words, so a writer fixes it before a publisher is refused.
 */
export async function checkAdvisoryCsaf(ctx: AdvisoryContext & { provider: ProviderOptions }, id: string) {
  assertMayWrite(ctx.actor);
  const row = await selectAdvisory(ctx.db, id);
  if (!row) throw advisoryNotFound();
  const texts = await selectTexts(ctx.db, id);
  const content = contentOf(row, texts);
  if (!content.sv) return { documents: [] };
  const now = ctx.clock.now();
  const facts = await nextReleaseFacts(ctx.db, row, now, row.revision_summary ?? "Preview");
  const cves = await ctx.seams.describeCves(ctx.db, content.cves);
  const checked = await checkDocuments(
    content,
    facts,
    languagesToPublish(content, translationLags(texts)),
    ctx.provider,
    cves,
  );
  return {
    documents: checked.map((c) => ({
      language: c.language,
      valid: c.validation.valid,
      failures: c.validation.failures,
      document: c.doc,
    })),
  };
}
