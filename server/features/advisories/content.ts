import { z } from "zod";
import { AffectedProduct, type Advisory, type AdvisoryText, WeeklyItem } from "../../../contract/advisories.js";
import type { Db } from "../../platform/db/connect.js";
import { csafFilename, translatedTrackingId } from "./csaf/names.js";
import { type PublicationListRow, selectPublicationsOf } from "./publications-store.js";
import {
  type AdvisoryRow,
  type AdvisoryTextRow,
  selectComments,
  selectEditorsSince,
  selectRevisions,
  selectTexts,
  selectUserName,
} from "./store.js";
import type { AdvisoryContent, AdvisoryTextContent } from "./types.js";

// An advisory's rows as one value (AdvisoryContent: what a version holds and what is published), and as
// the console sees it (the contract's Advisory).

const Products = z.array(AffectedProduct);
const Items = z.array(WeeklyItem);

export const TextContent = z.object({
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  measures: z.string(),
  items: Items,
});

/** A CVE's CVSS, KEV and EPSS as they stood when the advisory was published (publications only). */
const CveFact = z.object({
  cve: z.string(),
  title: z.string().nullable(),
  cvss: z.object({ version: z.string(), baseScore: z.number(), vectorString: z.string() }).nullable(),
  kev: z
    .object({ dateAdded: z.string(), dueDate: z.string(), knownRansomwareCampaignUse: z.string().nullable() })
    .nullable()
    .optional(),
  epss: z.object({ score: z.number(), percentile: z.number(), date: z.string() }).nullable().optional(),
});
export type CveFact = z.infer<typeof CveFact>;

/** A stored snapshot (advisory_versions, advisory_publications), read back through its schema. */
export const StoredContent = z.object({
  kind: z.enum(["advisory", "flash", "weekly"]),
  tlp: z.enum(["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"]),
  cves: z.array(z.string()),
  products: Products,
  exploitation: z.enum(["unknown", "none", "poc", "active"]),
  references: z.array(z.string()),
  sv: TextContent.nullable(),
  en: TextContent.nullable(),
  cveFacts: z.array(CveFact).optional(),
});

export function textContent(row: AdvisoryTextRow | undefined): AdvisoryTextContent | null {
  if (!row) return null;
  return {
    title: row.title,
    summary: row.summary,
    body: row.body,
    measures: row.measures,
    items: Items.parse(row.items),
  };
}

/** The advisory and its texts as one snapshot. */
export function contentOf(row: AdvisoryRow, texts: readonly AdvisoryTextRow[]): AdvisoryContent {
  return {
    kind: row.kind,
    tlp: row.tlp,
    cves: row.cves,
    products: Products.parse(row.products),
    exploitation: row.exploitation,
    references: row.reference_urls,
    sv: textContent(texts.find((t) => t.language === "sv")),
    en: textContent(texts.find((t) => t.language === "en")),
  };
}

/** The English text translates an older Swedish text than there is now (or there is no English yet). */
export function translationLags(texts: readonly AdvisoryTextRow[]): boolean {
  const sv = texts.find((t) => t.language === "sv");
  const en = texts.find((t) => t.language === "en");
  if (!sv || !en) return sv !== undefined;
  return (en.source_version ?? 0) < sv.text_version;
}

/** Where a publication's page and document are (paths under FYR_PUBLIC_URL). */
export function publishedLinks(p: PublicationListRow) {
  return {
    language: p.language,
    page: `/advisories/${encodeURIComponent(p.tracking_id)}?lang=${p.language}`,
    csaf: p.folder === "clear" || p.folder === "green" ? `/.well-known/csaf/${p.path}` : `/api/v1/my/csaf/${p.path}`,
    revision: p.revision,
  };
}

/** The CSAF file name of a language's document. */
export function documentFilename(trackingId: string, language: "sv" | "en"): string {
  return csafFilename(language === "sv" ? trackingId : translatedTrackingId(trackingId, language));
}

async function presentText(db: Db, row: AdvisoryTextRow | undefined): Promise<AdvisoryText | null> {
  if (!row) return null;
  return {
    language: row.language,
    title: row.title,
    summary: row.summary,
    body: row.body,
    measures: row.measures,
    items: Items.parse(row.items),
    textVersion: row.text_version,
    sourceVersion: row.source_version,
    updatedAt: row.updated_at.toISOString(),
    updatedBy: await selectUserName(db, row.updated_by),
  };
}

/** The advisory as the console shows it. */
export async function presentAdvisory(db: Db, row: AdvisoryRow): Promise<Advisory> {
  const [texts, comments, revisions, published, authorName, approver, editors] = await Promise.all([
    selectTexts(db, row.id),
    selectComments(db, row.id),
    selectRevisions(db, row.id),
    selectPublicationsOf(db, row.id),
    selectUserName(db, row.author_id),
    row.approved_by ? selectUserName(db, row.approved_by) : Promise.resolve(null),
    selectEditorsSince(db, row.id, row.published_version),
  ]);
  return {
    id: row.id,
    trackingId: row.tracking_id,
    kind: row.kind,
    status: row.status,
    tlp: row.tlp,
    cves: row.cves,
    products: Products.parse(row.products),
    exploitation: row.exploitation,
    references: row.reference_urls,
    author: { id: row.author_id, name: authorName },
    mayNotApprove: [...new Set([row.author_id, ...editors])],
    approvedBy: approver,
    version: row.version,
    revision: row.revision,
    revisionSummary: row.revision_summary,
    publishAt: row.publish_at?.toISOString() ?? null,
    initialReleaseAt: row.initial_release_at?.toISOString() ?? null,
    currentReleaseAt: row.current_release_at?.toISOString() ?? null,
    texts: {
      sv: await presentText(
        db,
        texts.find((t) => t.language === "sv"),
      ),
      en: await presentText(
        db,
        texts.find((t) => t.language === "en"),
      ),
    },
    translationLags: translationLags(texts),
    comments: comments.map((c) => ({
      id: c.id,
      author: c.author_name,
      version: c.version,
      body: c.body,
      createdAt: c.created_at.toISOString(),
    })),
    revisions: revisions.map((r) => ({
      number: r.number,
      summary: r.summary,
      publishedAt: r.published_at.toISOString(),
    })),
    published: published.map(publishedLinks),
  };
}
