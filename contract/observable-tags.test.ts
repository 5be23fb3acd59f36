import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEFAULT_TAXONOMY_DIR, renderTaxonomyModule } from "./observable-taxonomies.generate.js";
import { TAXONOMY_TAGS, canonicalTag, isExclusiveTag, tagTaxonomy } from "./observable-tags.js";

describe("tags on values", () => {
  it.skipIf(!existsSync(join(DEFAULT_TAXONOMY_DIR, "tlp.machinetag.json")))(
    "take tlp and PAP from exactly what the generator makes of the MISP taxonomies",
    async () => {
      const read = (f: string) => readFileSync(join(DEFAULT_TAXONOMY_DIR, f), "utf8");
      const committed = readFileSync(fileURLToPath(new URL("./observable-taxonomies.ts", import.meta.url)), "utf8");
      expect(committed).toBe(await renderTaxonomyModule(read("tlp.machinetag.json"), read("PAP.machinetag.json")));
    },
  );

  it("spell machine tags as their taxonomy does and keep free tags as typed, white space collapsed", () => {
    expect(canonicalTag(" TLP:Amber+Strict ")).toEqual({ tag: "tlp:amber+strict" });
    expect(canonicalTag("tlp:EX:CHR")).toEqual({ tag: "tlp:ex:chr" });
    expect(canonicalTag("pap:green")).toEqual({ tag: "PAP:GREEN" });
    expect(canonicalTag('RSIT:Malicious-Code = "C2-Server"')).toEqual({ tag: 'rsit:malicious-code="c2-server"' });
    expect(canonicalTag("rsit:fraud=phishing")).toEqual({ tag: 'rsit:fraud="phishing"' });
    expect(canonicalTag("  Emotet   epoch 5 ")).toEqual({ tag: "Emotet epoch 5" });
    expect(canonicalTag("yara:Win_Emotet")).toEqual({ tag: "yara:Win_Emotet" });
  });

  it("refuse values a taxonomy lacks and the verdicts' words", () => {
    for (const typed of ["tlp:purple", "tlp:", "PAP:amber-ish", "rsit:fraud", "rsit:fraud=ransomware", "rsit:x=y"])
      expect(canonicalTag(typed), typed).toEqual({ refused: "unknown_taxonomy_value" });
    for (const typed of ["malicious", "Benign", "FALSE-POSITIVE"])
      expect(canonicalTag(typed), typed).toEqual({ refused: "verdict_word" });
  });

  it("know which taxonomy a stored tag is of, which are exclusive, and offer every machine tag once", () => {
    expect(tagTaxonomy("tlp:red")).toBe("tlp");
    expect(tagTaxonomy("PAP:RED")).toBe("PAP");
    expect(tagTaxonomy('rsit:fraud="phishing"')).toBe("rsit");
    expect(tagTaxonomy("emotet")).toBeNull();
    expect([isExclusiveTag("tlp:red"), isExclusiveTag("PAP:RED"), isExclusiveTag('rsit:fraud="phishing"')]).toEqual([
      true,
      true,
      false,
    ]);
    expect(new Set(TAXONOMY_TAGS).size).toBe(TAXONOMY_TAGS.length);
    for (const tag of TAXONOMY_TAGS) expect(canonicalTag(tag), tag).toEqual({ tag });
  });
});
