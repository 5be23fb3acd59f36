import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_TAXONOMY, renderSectorsModule } from "./nis2-sectors.generate.js";
import { NIS2_SECTORS, NIS2_SECTOR_ENTRIES } from "./nis2-sectors.js";

describe("NIS2 sector list", () => {
  it.skipIf(!existsSync(DEFAULT_TAXONOMY))("matches the taxonomy it was generated from", () => {
    const rendered = renderSectorsModule(readFileSync(DEFAULT_TAXONOMY, "utf8"));
    for (const entry of NIS2_SECTOR_ENTRIES) expect(rendered).toContain(JSON.stringify(entry.value));
    const count = (rendered.match(/expanded:/g) ?? []).length;
    expect(count).toBe(NIS2_SECTOR_ENTRIES.length);
  });

  it("lists each sector once, with the same values in both forms", () => {
    expect(new Set(NIS2_SECTORS).size).toBe(NIS2_SECTORS.length);
    expect(NIS2_SECTOR_ENTRIES.map((e) => e.value)).toEqual([...NIS2_SECTORS]);
    expect(NIS2_SECTORS).toContain("energy");
  });
});
