import type { AffectedProduct, Exploitation } from "../../../../contract/advisories.js";
import { cvss30, cvss31 } from "@secvisogram/csaf-validator-lib/lib/shared/first.js";
import type { AdvisoryContent, AdvisoryTextContent, CveDescription, ReleaseFacts } from "../types.js";
import { csafFilename, csafTlp, folderBase, csafFolder, translatedTrackingId } from "./names.js";

// The CSAF 2.0 document of one language of a published advisory. Swedish is the original; the English
// document is a translation as §9.1.9 (CSAF translator) writes it: its own tracking id (the original's
// plus "-en"), `lang` en, `source_lang` sv, publisher category `translator`, and the original
// document as the first reference. The profile is csaf_security_advisory when products are named (a
// vulnerability per CVE, or one unnamed vulnerability, with the products known_affected); csaf_base
// otherwise (a flash alert without products, the weekly letter) — that profile asks for no product tree.

export interface DocumentOptions {
  publicUrl: string;
  publisher: { name: string; namespace: string };
  /** Fyr's version, for /document/tracking/generator. */
  generator: string;
  cves: readonly CveDescription[];
}

type Json = Record<string, unknown>;

const WORDS = {
  sv: {
    summary: "Sammanfattning",
    description: "Beskrivning",
    measures: "Rekommenderade åtgärder",
    closing: "Avslutning",
    self: "Denna rådgivning på webben",
    source: "Källa",
    exploitation: {
      unknown: "Det är inte känt om sårbarheten utnyttjas.",
      none: "Inget känt utnyttjande.",
      poc: "Exempelkod (proof of concept) för att utnyttja sårbarheten finns publicerad.",
      active: "Sårbarheten utnyttjas aktivt.",
    },
  },
  en: {
    summary: "Summary",
    description: "Description",
    measures: "Recommended measures",
    closing: "Closing",
    self: "This advisory on the web",
    source: "Source",
    original: "The original advisory (Swedish)",
    exploitation: {
      unknown: "It is not known whether the vulnerability is exploited.",
      none: "No known exploitation.",
      poc: "Proof-of-concept code exploiting the vulnerability is public.",
      active: "The vulnerability is actively exploited.",
    },
  },
} as const;

/** The document's URL where the provider serves it. */
export function documentUrl(
  publicUrl: string,
  content: Pick<AdvisoryContent, "tlp">,
  trackingId: string,
  year: number,
) {
  return `${folderBase(publicUrl, csafFolder(content.tlp))}/${year}/${csafFilename(trackingId)}`;
}

// §6.1.31's words (as the validator reads them, word by word) and comparison signs, in English and Swedish.
const RANGE_WORDS = new Set([
  "after",
  "all",
  "before",
  "earlier",
  "later",
  "prior",
  "versions",
  "through",
  "till",
  "före",
  "efter",
  "senare",
  "tidigare",
  "alla",
  "versioner",
]);
const isRange = (version: string) =>
  /[<>=≤≥*]/.test(version) ||
  version
    .toLowerCase()
    .split(/\s/)
    .some((word) => RANGE_WORDS.has(word));

interface ProductTree {
  tree: Json;
  ids: string[];
}

function productTree(products: readonly AffectedProduct[]): ProductTree {
  const ids: string[] = [];
  const nextId = () => {
    const id = `CSAFPID-${String(ids.length + 1).padStart(4, "0")}`;
    ids.push(id);
    return id;
  };
  const byVendor = new Map<string, AffectedProduct[]>();
  for (const p of products) byVendor.set(p.vendor, [...(byVendor.get(p.vendor) ?? []), p]);
  const branches = [...byVendor].map(([vendor, items]) => ({
    category: "vendor",
    name: vendor,
    branches: items.map((p) => {
      const versions = p.versions ?? [];
      if (versions.length === 0)
        return {
          category: "product_name",
          name: p.product,
          product: { product_id: nextId(), name: `${vendor} ${p.product}` },
        };
      return {
        category: "product_name",
        name: p.product,
        branches: versions.map((v) => ({
          // §6.1.31: a range never goes in product_version.
          category: isRange(v) ? "product_version_range" : "product_version",
          name: v,
          product: { product_id: nextId(), name: `${vendor} ${p.product} ${v}` },
        })),
      };
    }),
  }));
  return { tree: { branches }, ids };
}

function notesOf(text: AdvisoryTextContent, lang: "sv" | "en", kind: AdvisoryContent["kind"]): Json[] {
  const w = WORDS[lang];
  const notes: Json[] = [{ category: "summary", title: w.summary, text: text.summary }];
  for (const item of text.items)
    notes.push({
      category: "general",
      title: item.title,
      text: `${item.text}\n\n${w.source}: ${item.source} (${item.date})`,
    });
  if (text.body)
    notes.push({
      category: kind === "weekly" ? "general" : "description",
      title: kind === "weekly" ? w.closing : w.description,
      text: text.body,
    });
  if (text.measures) notes.push({ category: "general", title: w.measures, text: text.measures });
  return notes;
}

/**
 * A CVE's CVSS 3.x metric as CSAF 2.0's cvss_v3 (FIRST's JSON schema). The base score and severity are
 * computed from the vector with FIRST's calculator (the one mandatory test 6.1.9 uses), so a record
 * whose stated score disagrees with its vector cannot stop a publication; a vector that does not parse
 * is left out.
 */
function cvssV3(metric: CveDescription["cvssV3"]): Json | null {
  if (!metric || (metric.version !== "3.0" && metric.version !== "3.1")) return null;
  if (!metric.vectorString.startsWith(`CVSS:${metric.version}/`)) return null;
  const result = (metric.version === "3.0" ? cvss30 : cvss31).calculateCVSSFromVector(metric.vectorString);
  if (!result.success) return null;
  return {
    version: metric.version,
    vectorString: metric.vectorString,
    baseScore: Number(result.baseMetricScore),
    baseSeverity: result.baseSeverity.toUpperCase(),
  };
}

function vulnerabilities(
  content: AdvisoryContent,
  text: AdvisoryTextContent,
  lang: "sv" | "en",
  ids: string[],
  cves: readonly CveDescription[],
): Json[] {
  const w = WORDS[lang];
  const titles = new Map(cves.map((c) => [c.cve, c.title]));
  const scores = new Map(cves.map((c) => [c.cve, cvssV3(c.cvssV3)]));
  const one = (cve: string | null): Json => {
    const v: Json = {};
    if (cve) v.cve = cve;
    const title = cve ? titles.get(cve) : null;
    if (title) v.title = title;
    v.notes = [{ category: "summary", title: w.summary, text: text.summary }];
    const score = cve ? scores.get(cve) : null;
    // A score names the products it applies to: only with products in the tree.
    if (score && ids.length > 0) v.scores = [{ products: ids, cvss_v3: score }];
    if (ids.length > 0) {
      v.product_status = { known_affected: ids };
      if (text.measures) v.remediations = [{ category: "mitigation", details: text.measures, product_ids: ids }];
    }
    if (content.exploitation !== "unknown")
      v.threats = [
        { category: "exploit_status", details: w.exploitation[content.exploitation satisfies Exploitation] },
      ];
    return v;
  };
  if (content.cves.length > 0) return content.cves.map(one);
  return ids.length > 0 ? [one(null)] : [];
}

/** The CSAF 2.0 document of `lang` (the Swedish original, or its English translation). */
export function buildCsafDocument(
  content: AdvisoryContent,
  facts: ReleaseFacts,
  lang: "sv" | "en",
  options: DocumentOptions,
): Json {
  const text = content[lang];
  if (!text) throw new Error(`no ${lang} text`);
  const year = facts.initialReleaseAt.getUTCFullYear();
  const trackingId = lang === "sv" ? facts.trackingId : translatedTrackingId(facts.trackingId, lang);
  const { tree, ids } = productTree(content.products);
  const securityAdvisory = content.kind !== "weekly" && ids.length > 0;
  const page = `${options.publicUrl}/advisories/${encodeURIComponent(facts.trackingId)}?lang=${lang}`;
  const references: Json[] = [];
  if (lang !== "sv")
    references.push({
      category: "external",
      summary: WORDS.en.original,
      url: documentUrl(options.publicUrl, content, facts.trackingId, year),
    });
  references.push({ category: "self", summary: WORDS[lang].self, url: page });
  for (const url of content.references) references.push({ category: "external", summary: url, url });
  for (const item of text.items) references.push({ category: "external", summary: item.title, url: item.source });
  const tlp = csafTlp(content.tlp);
  const doc: Json = {
    document: {
      category: securityAdvisory ? "csaf_security_advisory" : "csaf_base",
      csaf_version: "2.0",
      distribution: {
        ...(content.tlp === "TLP:AMBER+STRICT"
          ? { text: "TLP:AMBER+STRICT (TLP 2.0): the recipient's organisation only." }
          : {}),
        tlp: { label: tlp, url: "https://www.first.org/tlp/" },
      },
      lang,
      ...(lang !== "sv" ? { source_lang: "sv" } : {}),
      notes: notesOf(text, lang, content.kind),
      publisher: {
        category: lang === "sv" ? "coordinator" : "translator",
        name: options.publisher.name,
        namespace: options.publisher.namespace,
      },
      references,
      title: text.title,
      tracking: {
        current_release_date: facts.currentReleaseAt.toISOString(),
        generator: { date: facts.currentReleaseAt.toISOString(), engine: { name: "Fyr", version: options.generator } },
        id: trackingId,
        initial_release_date: facts.initialReleaseAt.toISOString(),
        revision_history: facts.revisions.map((r) => ({
          date: r.publishedAt.toISOString(),
          number: String(r.number),
          summary: r.summary,
        })),
        status: "final",
        version: String(facts.revisions.at(-1)?.number ?? 1),
      },
    },
  };
  if (ids.length > 0) doc.product_tree = tree;
  const vulns = vulnerabilities(content, text, lang, ids, options.cves);
  if (vulns.length > 0) doc.vulnerabilities = vulns;
  return doc;
}
