import { z } from "zod";
import { MAX_TEXT, ReportLanguage, TlpLabel } from "./intake.js";

// Advisories (api-v1.md "Vulnerabilities and advisories"): what the console and the API exchange.
// Swedish is the original, English its translation; each language's text is data of its own.

export const AdvisoryKind = z.enum(["advisory", "flash", "weekly"]);
export type AdvisoryKind = z.infer<typeof AdvisoryKind>;

/** draft → in_review → approved → (scheduled →) published; a revision goes back to draft. */
export const AdvisoryStatus = z.enum(["draft", "in_review", "approved", "scheduled", "published"]);
export type AdvisoryStatus = z.infer<typeof AdvisoryStatus>;

/** Whether the vulnerability is exploited: unknown, none known, a proof of concept, actively. */
export const Exploitation = z.enum(["unknown", "none", "poc", "active"]);
export type Exploitation = z.infer<typeof Exploitation>;

export const AdvisoryLanguage = ReportLanguage;
export type AdvisoryLanguage = z.infer<typeof AdvisoryLanguage>;

const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !/[\r\n]/.test(v), "must be one line");

/** CVE-YYYY-NNNN… (CVE's own syntax), upper-cased. */
export const CveId = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .pipe(z.string().regex(/^CVE-\d{4}-\d{4,}$/, "a CVE id such as CVE-2024-3400"));

/** A link: http(s) only — it is shown on the public page and written into the CSAF document. */
export const WebUrl = z
  .string()
  .trim()
  .max(2000)
  .url()
  .refine((v) => /^https?:\/\//i.test(v), "an http or https address");

export const AffectedProduct = z.object({
  vendor: oneLine(200),
  product: oneLine(200),
  /** Versions as the vendor writes them, one per entry ("2.3.1", "< 10.2.9"). */
  versions: z.array(oneLine(100)).max(50).optional(),
});
export type AffectedProduct = z.infer<typeof AffectedProduct>;

/** What the languages share: set with either language's text. */
const SharedFields = {
  tlp: TlpLabel.optional(),
  cves: z.array(CveId).max(200).optional(),
  products: z.array(AffectedProduct).max(200).optional(),
  exploitation: Exploitation.optional(),
  references: z.array(WebUrl).max(100).optional(),
};

/** One item of the weekly letter: what happened, where it was read, when. */
export const WeeklyItem = z.object({
  title: oneLine(300),
  text: z.string().trim().min(1).max(MAX_TEXT),
  source: WebUrl,
  date: z.iso.date(),
});
export type WeeklyItem = z.infer<typeof WeeklyItem>;

/**
 * One language's text: title, summary, body (Markdown) and measures (Markdown). The weekly letter reads
 * the summary as its intro, `items` as its news and the body as its closing.
 */
const TextFields = {
  items: z.array(WeeklyItem).max(100).optional(),
  title: oneLine(300),
  summary: z.string().trim().min(1).max(MAX_TEXT),
  body: z
    .string()
    .trim()
    .max(MAX_TEXT * 10),
  measures: z.string().trim().max(MAX_TEXT).optional(),
};

export const AdvisoryCreate = z.object({
  language: AdvisoryLanguage,
  kind: AdvisoryKind,
  ...TextFields,
  ...SharedFields,
  tlp: TlpLabel,
});
export type AdvisoryCreate = z.infer<typeof AdvisoryCreate>;

export const AdvisoryTextInput = z.object({ ...TextFields, ...SharedFields });
export type AdvisoryTextInput = z.infer<typeof AdvisoryTextInput>;

export const AdvisoryCreated = z.object({
  id: z.string(),
  trackingId: z.string(),
  status: AdvisoryStatus,
  version: z.number().int(),
});

export const AdvisoryText = z.object({
  language: AdvisoryLanguage,
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  measures: z.string(),
  items: z.array(WeeklyItem),
  textVersion: z.number().int(),
  /** English: the Swedish text version it translates (it lags when that is older than the Swedish now). */
  sourceVersion: z.number().int().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type AdvisoryText = z.infer<typeof AdvisoryText>;

export const AdvisoryComment = z.object({
  id: z.string(),
  author: z.string(),
  version: z.number().int(),
  body: z.string(),
  createdAt: z.string(),
});

export const AdvisoryRevision = z.object({ number: z.number().int(), summary: z.string(), publishedAt: z.string() });

export const Advisory = z.object({
  id: z.string(),
  trackingId: z.string(),
  kind: AdvisoryKind,
  status: AdvisoryStatus,
  tlp: TlpLabel,
  cves: z.array(z.string()),
  products: z.array(AffectedProduct),
  exploitation: Exploitation,
  references: z.array(z.string()),
  author: z.object({ id: z.string(), name: z.string() }),
  /** Who may not approve this version (four eyes): its author and whoever saved a version since the last publication. */
  mayNotApprove: z.array(z.string()),
  approvedBy: z.string().nullable(),
  version: z.number().int(),
  revision: z.number().int(),
  revisionSummary: z.string().nullable(),
  publishAt: z.string().nullable(),
  initialReleaseAt: z.string().nullable(),
  currentReleaseAt: z.string().nullable(),
  texts: z.object({ sv: AdvisoryText.nullable(), en: AdvisoryText.nullable() }),
  /** The English text translates an older Swedish text (or there is none yet). */
  translationLags: z.boolean(),
  comments: z.array(AdvisoryComment),
  revisions: z.array(AdvisoryRevision),
  /** Where the published documents are (absent until published). */
  published: z.array(
    z.object({ language: AdvisoryLanguage, page: z.string(), csaf: z.string(), revision: z.number() }),
  ),
});
export type Advisory = z.infer<typeof Advisory>;

export const AdvisorySummary = Advisory.pick({
  id: true,
  trackingId: true,
  kind: true,
  status: true,
  tlp: true,
  version: true,
  revision: true,
  translationLags: true,
  publishAt: true,
  currentReleaseAt: true,
}).extend({ title: z.string(), updatedAt: z.string() });
export const AdvisoryList = z.object({ items: z.array(AdvisorySummary) });

export const AdvisoryParams = z.object({ id: z.string().uuid() });
export const AdvisoryTranslationParams = AdvisoryParams.extend({ lang: AdvisoryLanguage });
export const AdvisoryCommentInput = z.object({ body: z.string().trim().min(1).max(MAX_TEXT) });
export const AdvisoryPublishInput = z.object({
  /** A time ahead: publish then (the worker's pass); absent or past: now. */
  at: z.iso.datetime({ offset: true }).optional(),
});
export const AdvisoryRevisionInput = z.object({ summary: oneLine(500) });
export const AdvisoryDiffQuery = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});

/** One changed field between two versions; text fields carry their lines marked kept, added, removed. */
export const AdvisoryDiffField = z.object({
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  lines: z.array(z.object({ op: z.enum(["same", "added", "removed"]), text: z.string() })).optional(),
});
export const AdvisoryDiff = z.object({ from: z.number(), to: z.number(), changes: z.array(AdvisoryDiffField) });
export type AdvisoryDiff = z.infer<typeof AdvisoryDiff>;

/** A failed CSAF test, in words (the validator's test id, what it checks, where and why it failed). */
export const CsafFailure = z.object({
  test: z.string(),
  about: z.string(),
  path: z.string(),
  message: z.string(),
});
export type CsafFailure = z.infer<typeof CsafFailure>;
export const CsafCheck = z.object({
  documents: z.array(
    z.object({
      language: AdvisoryLanguage,
      valid: z.boolean(),
      failures: z.array(CsafFailure),
      /** The document as it would be published now (the console's preview). */
      document: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type CsafCheck = z.infer<typeof CsafCheck>;

/** The public page as it would look if published now, in one language (the console's preview). */
export const AdvisoryPreviewQuery = z.object({ lang: AdvisoryLanguage });
export const AdvisoryPreview = z.object({ language: AdvisoryLanguage, html: z.string() });
export type AdvisoryPreview = z.infer<typeof AdvisoryPreview>;

export const AdvisoryTemplateQuery = z.object({ kind: AdvisoryKind, language: AdvisoryLanguage });
export const AdvisoryTemplate = z.object({
  kind: AdvisoryKind,
  language: AdvisoryLanguage,
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  measures: z.string(),
  items: z.array(WeeklyItem),
});
export type AdvisoryTemplate = z.infer<typeof AdvisoryTemplate>;
