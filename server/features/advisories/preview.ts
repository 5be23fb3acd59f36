import type { AdvisoryPreview } from "../../../contract/advisories.js";
import { contentOf, documentFilename } from "./content.js";
import { csafFolder } from "./csaf/names.js";
import { assertMayWrite } from "./policy.js";
import { renderDetailPage } from "./public/pages.js";
import type { PublicationListRow } from "./publications-store.js";
import { nextReleaseFacts } from "./release-facts.js";
import { advisoryNotFound } from "./save-text.js";
import { selectAdvisory, selectTexts } from "./store.js";
import type { AdvisoryContext } from "./types.js";
import { swedishMissing } from "./workflow.js";

// The public page as it would read if the advisory were published now (the console's preview): the
// very renderer of /advisories/{id}, fed the current texts instead of a publication, so what a writer
// checks is what readers will get. Nothing is stored.

export async function previewAdvisory(
  ctx: AdvisoryContext & { config: { cert: { name: string }; timeZone: string } },
  id: string,
  lang: "sv" | "en",
): Promise<AdvisoryPreview> {
  assertMayWrite(ctx.actor);
  const row = await selectAdvisory(ctx.db, id);
  if (!row) throw advisoryNotFound();
  const content = contentOf(row, await selectTexts(ctx.db, id));
  const language = content[lang] ? lang : "sv";
  if (!content[language]) throw swedishMissing();
  const now = ctx.clock.now();
  const facts = await nextReleaseFacts(ctx.db, row, now, row.revision_summary ?? "Preview");
  const folder = csafFolder(content.tlp);
  const shown: PublicationListRow = {
    advisory_id: row.id,
    language,
    tracking_id: row.tracking_id,
    kind: row.kind,
    tlp: row.tlp,
    revision: row.revision + 1,
    content,
    folder,
    path: `${folder}/${now.getUTCFullYear()}/${documentFilename(row.tracking_id, language)}`,
    sha256: "",
    sha512: "",
    initial_release_at: facts.initialReleaseAt,
    current_release_at: now,
  };
  const html = renderDetailPage(
    lang,
    { shown, other: undefined, revisions: facts.revisions, signed: false },
    ctx.config,
  );
  return { language, html };
}
