import { z } from "zod";
import { PAP_TAXONOMY, TLP_TAXONOMY } from "./observable-taxonomies.js";
import { RSIT_CLASSES, isRsitType } from "./rsit.js";

// Free tags on values (`emotet`, `campaign-2026-05`, `yara:Win_Emotet`), beside the analysts' verdict
// (malicious / benign / false positive, contract/observables.ts), and MISP machine tags where a taxonomy
// exists: `tlp:amber`, `PAP:GREEN`, `rsit:malicious-code="c2-server"`. A tag is shown only to whoever
// sees one of the cases that held the value when it was given (platform/tlp.ts, tagVisibleSql).

export const TAG_MAX_LENGTH = 128;

/** The verdicts' own words: a free tag of that name would read as a verdict nobody gave. */
const VERDICT_WORDS = new Set(["malicious", "benign", "false-positive"]);

/** A tag as typed: trimmed, at most 128 characters (checked further by `canonicalTag`). */
export const TagText = z.string().trim().min(1).max(TAG_MAX_LENGTH);

/** Why a tag as typed is refused. */
export type TagRefusal = "unknown_taxonomy_value" | "verdict_word";

/** The namespaces Fyr knows the values of; a tag in one of them must be one of its values. */
export const TAG_TAXONOMIES = ["tlp", "PAP", "rsit"] as const;
export type TagTaxonomy = (typeof TAG_TAXONOMIES)[number];

/** Namespaces whose tags exclude each other on one value (MISP `exclusive`): a new one replaces the old. */
const EXCLUSIVE: ReadonlySet<TagTaxonomy> = new Set(
  [TLP_TAXONOMY, PAP_TAXONOMY].filter((t) => t.exclusive).map((t) => t.namespace),
);

const TLP_VALUES: ReadonlySet<string> = new Set(TLP_TAXONOMY.values.map((v) => v.value));
const PAP_VALUES: ReadonlySet<string> = new Set(PAP_TAXONOMY.values.map((v) => v.value));
const RSIT_TAG = /^([a-z0-9-]+)\s*=\s*"?([a-z0-9-]+)"?$/i;

/**
 * The stored form of a tag: inner white space collapsed; machine tags spelled as their taxonomy spells
 * them (`TLP:Amber` → `tlp:amber`, `pap:red` → `PAP:RED`, `rsit:Fraud=phishing` → `rsit:fraud="phishing"`).
 * A tag naming a known namespace with a value it lacks, or a verdict's word, is refused.
 */
export function canonicalTag(typed: string): { tag: string } | { refused: TagRefusal } {
  const text = typed.trim().replace(/\s+/g, " ");
  const colon = text.indexOf(":");
  const namespace = colon > 0 ? text.slice(0, colon).toLowerCase() : "";
  const rest = text.slice(colon + 1).trim();
  switch (namespace) {
    case "tlp":
      return TLP_VALUES.has(rest.toLowerCase())
        ? { tag: `tlp:${rest.toLowerCase()}` }
        : { refused: "unknown_taxonomy_value" };
    case "pap":
      return PAP_VALUES.has(rest.toUpperCase())
        ? { tag: `PAP:${rest.toUpperCase()}` }
        : { refused: "unknown_taxonomy_value" };
    case "rsit": {
      const m = RSIT_TAG.exec(rest);
      const [cls, type] = [m?.[1]?.toLowerCase() ?? "", m?.[2]?.toLowerCase() ?? ""];
      return isRsitType(cls, type) ? { tag: `rsit:${cls}="${type}"` } : { refused: "unknown_taxonomy_value" };
    }
    default:
      return VERDICT_WORDS.has(text.toLowerCase()) ? { refused: "verdict_word" } : { tag: text };
  }
}

/** The taxonomy a stored tag belongs to, or null for a free tag. */
export function tagTaxonomy(tag: string): TagTaxonomy | null {
  if (tag.startsWith("tlp:")) return "tlp";
  if (tag.startsWith("PAP:")) return "PAP";
  if (tag.startsWith("rsit:")) return "rsit";
  return null;
}

/** Whether a value may carry only one tag of this tag's taxonomy (tlp, PAP). */
export function isExclusiveTag(tag: string): boolean {
  const taxonomy = tagTaxonomy(tag);
  return taxonomy !== null && EXCLUSIVE.has(taxonomy);
}

/** Every machine tag the taxonomies offer, as stored: the console suggests them while typing. */
export const TAXONOMY_TAGS: readonly string[] = [
  ...TLP_TAXONOMY.values.map((v) => `tlp:${v.value}`),
  ...PAP_TAXONOMY.values.map((v) => `PAP:${v.value}`),
  ...RSIT_CLASSES.flatMap((c) => c.types.map((t) => `rsit:${c.value}="${t.value}"`)),
];

/** Who put a tag on a value: a person (their name) or Fyr itself (what did it, e.g. `yara`). */
export const TagAuthor = z.object({ kind: z.enum(["user", "system"]), name: z.string() });

/** A tag as a value's page shows it. */
export const ValueTag = z.object({ tag: z.string(), addedAt: z.string(), addedBy: TagAuthor });
export type ValueTag = z.infer<typeof ValueTag>;

/** The tags on a value the viewer may see, by tag. */
export const ValueTagList = z.object({ items: z.array(ValueTag) });
export type ValueTagList = z.infer<typeof ValueTagList>;

/** Where values are listed (a case's values, related panel, index, lookups): just the tags' names. */
export const TagNames = z.array(z.string());

/** POST /api/v1/observables/{id}/tags. */
export const ObservableTagAdd = z.object({ tag: TagText });
export type ObservableTagAdd = z.infer<typeof ObservableTagAdd>;

/** DELETE /api/v1/observables/{id}/tags?tag=…: a tag holds `/`, `"` and `:`, so not in the path. */
export const ObservableTagRemove = z.object({ tag: TagText });
export type ObservableTagRemove = z.infer<typeof ObservableTagRemove>;
