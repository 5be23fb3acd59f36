import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeFailure, validateCsaf } from "./validate.js";

// The validator path every published document takes, run over the official test documents of the
// mandatory tests (OASIS, copied into fixtures/ with their licence so a fresh clone has them): each
// document known to fail a test is refused, naming that test; each valid one passes everything.

const FIXTURES = fileURLToPath(new URL("./fixtures", import.meta.url));
const Index = z.object({
  tests: z.array(
    z.object({
      id: z.string(),
      group: z.literal("mandatory"),
      failures: z.array(z.object({ name: z.string() })).default([]),
      valid: z.array(z.object({ name: z.string() })).default([]),
    }),
  ),
});
const index = Index.parse(JSON.parse(readFileSync(join(FIXTURES, "testcases.json"), "utf8")));
const read = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), "utf8"));

/**
 * Valid upstream, refused by the library: two revisions with the same date, which its 6.1.21 sorts by
 * date alone and so reads as not starting at 1. Refusing is the safe side (Fyr never publishes such a
 * document: each revision is stamped when it is published); kept here so a library upgrade that fixes it
 * shows up.
 */
const REFUSED_BY_THE_LIBRARY = new Set([
  "mandatory/oasis_csaf_tc-csaf_2_0-2021-6-1-14-12.json",
  "mandatory/oasis_csaf_tc-csaf_2_0-2021-6-1-16-16.json",
  "mandatory/oasis_csaf_tc-csaf_2_0-2021-6-1-16-17.json",
]);

const failing = index.tests.flatMap((t) => t.failures.map((f) => ({ test: t.id, file: f.name })));
const valid = index.tests.flatMap((t) => t.valid.map((f) => ({ test: t.id, file: f.name })));

describe("the CSAF validator path on the official test documents", () => {
  it("has the official documents (87 known-invalid, 60 valid)", () => {
    expect(failing.length).toBe(87);
    expect(valid.length).toBe(60);
  });

  it.each(failing)("refuses $file (test $test)", async ({ test, file }) => {
    const result = await validateCsaf(read(file));
    expect(result.valid).toBe(false);
    // The failure says which test, in words.
    const named = result.failures.filter((f) => f.test === test || f.test.startsWith(`${test}.`));
    expect(named.length, result.failures.map(describeFailure).join("\n")).toBeGreaterThan(0);
    const [first] = named;
    expect(first && describeFailure(first)).toMatch(/^Test 6\.1\.\d+(\.\d+)? \(.+\) fails at \//);
  });

  it.each(valid.filter((v) => !REFUSED_BY_THE_LIBRARY.has(v.file)))("passes $file (test $test)", async ({ file }) => {
    const result = await validateCsaf(read(file));
    expect(result.failures.map(describeFailure)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it.each([...REFUSED_BY_THE_LIBRARY])("still refuses %s only for 6.1.21 (a library quirk)", async (file) => {
    const result = await validateCsaf(read(file));
    expect(result.failures.map((f) => f.test)).toEqual(["6.1.21"]);
  });
});
