import { describe, expect, it } from "vitest";
import { abnormalExpectations, loadCorpus, scoreCorpus } from "./corpus.test-fixtures.js";

// The extraction corpus (bench/extract-corpus/, our own cases as analysts paste them) as a guard: the
// extractor may not fall below the aim. `npm run bench extract` prints the per-type table.
describe("the extraction corpus", () => {
  const cases = loadCorpus();

  it("is well formed: every expected value is one the corpus can state", () => {
    expect(cases.length).toBeGreaterThanOrEqual(500);
    expect(abnormalExpectations(cases)).toEqual([]);
  });

  it("is read with at least 95 % recall and 98 % precision, and never yields a value a case rules out", () => {
    const score = scoreCorpus(cases);
    expect(score.forbidden).toEqual([]);
    expect(score.overall.recall).toBeGreaterThanOrEqual(0.95);
    expect(score.overall.precision).toBeGreaterThanOrEqual(0.98);
  });
});
