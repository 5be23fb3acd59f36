import type { CsafFailure } from "../../../../contract/advisories.js";
import type { DocumentTest } from "@secvisogram/csaf-validator-lib/lib/validate.js";

// The CSAF validator path every document takes before it is published (requirement 1: a valid CSAF
// document): the strict JSON schema (no properties the schema does not name) and every mandatory test
// of §6.1, with @secvisogram/csaf-validator-lib. Its modules (schemas compiled with ajv) are loaded
// once per process, on first use, and kept. A failure is explained per test: the test's number and
// title from the specification, where in the document, and the validator's message.

/** The titles of the tests (CSAF 2.0 §6.1), for saying in words what failed. */
const TEST_TITLES: Record<string, string> = {
  csaf_2_0_strict: "JSON schema of CSAF 2.0 (strict: no unknown properties)",
  "6.1.1": "Missing definition of product id",
  "6.1.2": "Multiple definition of product id",
  "6.1.3": "Circular definition of product id",
  "6.1.4": "Missing definition of product group id",
  "6.1.5": "Multiple definition of product group id",
  "6.1.6": "Contradicting product status",
  "6.1.7": "Multiple scores with the same version per product",
  "6.1.8": "Invalid CVSS",
  "6.1.9": "Invalid CVSS computation",
  "6.1.10": "Inconsistent CVSS",
  "6.1.11": "CWE",
  "6.1.12": "Language",
  "6.1.13": "PURL",
  "6.1.14": "Sorted revision history",
  "6.1.15": "Translator",
  "6.1.16": "Latest document version",
  "6.1.17": "Document status draft",
  "6.1.18": "Released revision history",
  "6.1.19": "Revision history entries for pre-release versions",
  "6.1.20": "Non-draft document version",
  "6.1.21": "Missing item in revision history",
  "6.1.22": "Multiple definition in revision history",
  "6.1.23": "Multiple use of same CVE",
  "6.1.24": "Multiple definition in involvements",
  "6.1.25": "Multiple use of same hash algorithm",
  "6.1.26": "Prohibited document category name",
  "6.1.27.1": "Profile test: document notes",
  "6.1.27.2": "Profile test: document references",
  "6.1.27.3": "Profile test: vulnerabilities (informational advisory has none)",
  "6.1.27.4": "Profile test: product tree",
  "6.1.27.5": "Profile test: vulnerability notes",
  "6.1.27.6": "Profile test: product status",
  "6.1.27.7": "Profile test: VEX product status",
  "6.1.27.8": "Profile test: vulnerability id",
  "6.1.27.9": "Profile test: impact statement",
  "6.1.27.10": "Profile test: action statement",
  "6.1.27.11": "Profile test: vulnerabilities (security advisory needs them)",
  "6.1.28": "Translation",
  "6.1.29": "Remediation without product reference",
  "6.1.30": "Mixed integer and semantic versioning",
  "6.1.31": "Version range in product version",
  "6.1.32": "Flag without product reference",
  "6.1.33": "Multiple flags with VEX justification codes per product",
};

/** "mandatoryTest_6_1_27_3" → "6.1.27.3"; the schema test keeps its name. */
export function testNumber(name: string): string {
  const m = /^mandatoryTest_(\d+(?:_\d+)*)$/.exec(name);
  return m?.[1] ? m[1].replace(/_/g, ".") : name;
}

export interface CsafValidation {
  valid: boolean;
  failures: CsafFailure[];
  /** The tests run (their numbers), for the record. */
  ran: string[];
}

interface Loaded {
  validate: (
    tests: readonly DocumentTest[],
    doc: unknown,
  ) => Promise<{ tests: { name: string; isValid: boolean; errors: { message: string; instancePath: string }[] }[] }>;
  tests: DocumentTest[];
}

let loading: Promise<Loaded> | undefined;

/** Loads the validator's modules once per process (called at start by the public and staff roles). */
export function loadCsafValidator(): Promise<Loaded> {
  if (loading) return loading;
  const started = (async (): Promise<Loaded> => {
    // validate.js, not validateStrict.js: the strict one loads the optional and informative tests too
    // (most of the library's start-up, seconds on a busy host) only to check that the tests given are
    // the library's own. Ours are, by construction: its mandatory tests and its strict schema, nothing
    // from input — which is what strict mode guards against.
    const [{ default: validate }, mandatory, schema] = await Promise.all([
      import("@secvisogram/csaf-validator-lib/lib/validate.js"),
      import("@secvisogram/csaf-validator-lib/lib/mandatoryTests.js"),
      import("@secvisogram/csaf-validator-lib/lib/schemaTests.js"),
    ]);
    const mandatoryTests = Object.values(mandatory as Record<string, unknown>).filter(
      (t): t is DocumentTest => typeof t === "function",
    );
    return { validate, tests: [schema.csaf_2_0_strict, ...mandatoryTests] };
  })();
  loading = started;
  started.catch(() => (loading = undefined));
  return started;
}

const PROFILE_VALUES = [
  "csaf_security_incident_response",
  "csaf_informational_advisory",
  "csaf_security_advisory",
  "csaf_vex",
];
const squash = (v: string) => v.toLowerCase().replace(/[-_\s]/g, "");

/**
 * §6.1.26 as the specification writes it, for what the library (2.0.x) misses: a CSAF Base category equal
 * to another profile's *value* once dashes, underscores and spaces are gone ("csafsecurityadvisory"; the
 * official document 6-1-26-04). The library checks the names without the prefix only.
 */
function prohibitedCategoryValue(doc: unknown): CsafFailure | null {
  if (typeof doc !== "object" || doc === null || !("document" in doc)) return null;
  const document = (doc as { document: unknown }).document;
  if (typeof document !== "object" || document === null || !("category" in document)) return null;
  const category = (document as { category: unknown }).category;
  if (typeof category !== "string" || PROFILE_VALUES.includes(category) || category === "csaf_base") return null;
  if (!PROFILE_VALUES.some((v) => squash(v) === squash(category))) return null;
  return {
    test: "6.1.26",
    about: TEST_TITLES["6.1.26"] ?? "6.1.26",
    path: "/document/category",
    message: "prohibited document category: it is another profile's value written differently",
  };
}

/** Validates a CSAF 2.0 document: the strict schema and every mandatory test (§6.1). */
export async function validateCsaf(doc: unknown): Promise<CsafValidation> {
  const { validate, tests } = await loadCsafValidator();
  const result = await validate(tests, doc);
  const failures: CsafFailure[] = [];
  for (const t of result.tests) {
    if (t.isValid && t.errors.length === 0) continue;
    const test = testNumber(t.name);
    const about = TEST_TITLES[test] ?? t.name;
    const errors = t.errors.length > 0 ? t.errors : [{ message: "the test failed", instancePath: "" }];
    for (const e of errors) failures.push({ test, about, path: e.instancePath || "/", message: e.message });
  }
  const category = prohibitedCategoryValue(doc);
  if (category && !failures.some((f) => f.test === "6.1.26")) failures.push(category);
  return { valid: failures.length === 0, failures, ran: result.tests.map((t) => testNumber(t.name)) };
}

/** A failure in one sentence: "Test 6.1.1 (Missing definition of product id) at /…: …". */
export function describeFailure(f: CsafFailure): string {
  const what = f.test === "csaf_2_0_strict" ? "The JSON schema" : `Test ${f.test}`;
  return `${what} (${f.about}) fails at ${f.path}: ${f.message}`;
}
