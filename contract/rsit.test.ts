import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEFAULT_RSIT_TAXONOMY, renderRsitModule } from "./rsit.generate.js";
import { RSIT_CLASSES, RSIT_VERSION, findRsitClass, isRsitType } from "./rsit.js";

describe("RSIT taxonomy list", () => {
  it.skipIf(!existsSync(DEFAULT_RSIT_TAXONOMY))("is exactly what the generator makes of the taxonomy", () => {
    const rendered = renderRsitModule(readFileSync(DEFAULT_RSIT_TAXONOMY, "utf8"));
    const committed = readFileSync(fileURLToPath(new URL("./rsit.ts", import.meta.url)), "utf8");
    expect(committed).toBe(rendered);
  });

  it("names each class and type once, with a version", () => {
    expect(RSIT_VERSION).toBeGreaterThan(0);
    expect(new Set(RSIT_CLASSES.map((c) => c.value)).size).toBe(RSIT_CLASSES.length);
    for (const cls of RSIT_CLASSES) expect(new Set(cls.types.map((t) => t.value)).size).toBe(cls.types.length);
    expect(findRsitClass("malicious-code")?.expanded).toBe("Malicious Code");
    expect(isRsitType("malicious-code", "ransomware")).toBe(false);
    expect(isRsitType("nonsense", "spam")).toBe(false);
    expect(isRsitType("abusive-content", "spam")).toBe(true);
  });
});
