import { describe, expect, it } from "vitest";
import { OBSERVABLE_TYPES } from "../../../../contract/observables.js";
import en from "../../../lib/i18n/observables.en.json" with { type: "json" };
import sv from "../../../lib/i18n/observables.sv.json" with { type: "json" };

// Every type the extractor can find is named in both languages (the chips, the index's type filter).
describe("observable type names", () => {
  it("name every type in Swedish and English", () => {
    const missing = (types: Record<string, string>) => OBSERVABLE_TYPES.filter((t) => !types[t]);
    expect(missing(sv.observables.types)).toEqual([]);
    expect(missing(en.observables.types)).toEqual([]);
  });
});
