import type { WeeklyItem } from "../../../contract/advisories.js";
import { inTransaction } from "../../platform/db/connect.js";
import { invalid } from "../../platform/errors.js";
import type { StaffContext } from "../../platform/http/context.js";
import { auditAdvisory } from "./audit.js";
import { textContent } from "./content.js";
import { createAdvisory } from "./create-advisory.js";
import { saveAdvisoryText } from "./save-text.js";
import { selectCurrentWeeklyDraft, selectTexts } from "./store.js";
import { advisoryTemplate } from "./templates.js";
import { type AdvisoryContext, NO_SEAMS } from "./types.js";

// An OSINT news item turned into advisory work (the OSINT inbox's two buttons): a new advisory draft
// prefilled from it (title, summary, its link as the first reference, the CVE ids it names), or an item
// of the weekly letter being written (the newest weekly draft; a new one from the template if none).
// Called by vulnerability monitoring inside its own transaction, which also marks the item used.

/** A news item as the advisories use it. */
export interface NewsItem {
  title: string;
  summary: string;
  link: string | null;
  cves: readonly string[];
  source: string;
  /** YYYY-MM-DD: when it was published (or fetched). */
  date: string;
}

const NO_SIGNER = { sign: async () => null, publicKey: async () => null };
const line = (s: string, max: number) => s.replace(/\s+/g, " ").trim().slice(0, max) || "–";
const httpLink = (link: string | null) => (link && /^https?:\/\//i.test(link) ? link : null);

function writer(ctx: StaffContext): AdvisoryContext {
  return { ...ctx, seams: NO_SEAMS, signer: NO_SIGNER };
}

/** A new advisory draft (Swedish, TLP:CLEAR) prefilled from the item; the analyst writes the rest. */
export async function draftAdvisoryFromNews(ctx: StaffContext, item: NewsItem) {
  const link = httpLink(item.link);
  const template = advisoryTemplate("advisory", "sv", ctx.config.cert.name);
  return createAdvisory(writer(ctx), {
    language: "sv",
    kind: "advisory",
    tlp: "TLP:CLEAR",
    title: line(item.title, 300),
    summary: line(item.summary || item.title, 4000),
    body: link ? `${template.body}\n\nKälla: ${item.source}, ${link}` : template.body,
    measures: template.measures,
    cves: [...item.cves].slice(0, 200),
    references: link ? [link] : [],
  });
}

/** Adds the item to the weekly letter being written (made from the template when there is none). */
export async function addNewsToWeeklyLetter(ctx: StaffContext, item: NewsItem) {
  const link = httpLink(item.link);
  if (!link)
    throw invalid("validation_failed", "A weekly-letter item needs the news item's link as its source", [
      { path: "body.for", code: "invalid", message: "the news item has no web link" },
    ]);
  const entry: WeeklyItem = {
    title: line(item.title, 300),
    text: line(item.summary || item.title, 4000),
    source: link,
    date: item.date,
  };
  return inTransaction(ctx.db, async (tx) => {
    const tctx = { ...writer(ctx), db: tx };
    let draft = await selectCurrentWeeklyDraft(tx);
    if (!draft) {
      const template = advisoryTemplate("weekly", "sv", ctx.config.cert.name);
      const created = await createAdvisory(tctx, { ...template, kind: "weekly", language: "sv", tlp: "TLP:CLEAR" });
      draft = { id: created.id, tracking_id: created.trackingId };
    }
    const sv = textContent((await selectTexts(tx, draft.id)).find((t) => t.language === "sv"));
    if (!sv) throw new Error("a weekly letter without its Swedish text");
    await saveAdvisoryText(tctx, draft.id, "sv", { ...sv, items: [...sv.items, entry] });
    await auditAdvisory(tctx, tx, "news_added", draft.tracking_id, { title: entry.title, source: entry.source });
    return { id: draft.id, trackingId: draft.tracking_id };
  });
}
