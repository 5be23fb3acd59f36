// Adds up the JSON reports of vitest and Playwright and prints "N passed, N failed".
// A report that is missing counts as one failure (its runner crashed before writing it).
import { existsSync, readFileSync } from "node:fs";

const [dir, checksFailed] = process.argv.slice(2);
let passed = 0;
let failed = Number(checksFailed ?? 0);
let skipped = 0;

function read(name) {
  const path = `${dir}/${name}`;
  if (!existsSync(path)) {
    console.log(`${name}: missing (runner failed to finish)`);
    failed += 1;
    return null;
  }
  return JSON.parse(readFileSync(path, "utf8"));
}

for (const name of ["vitest-pglite.json", "vitest-pglite-node24.json", "vitest-postgres.json"]) {
  const r = read(name);
  if (!r) continue;
  // numFailedTestSuites counts describe blocks as well as files: count the files themselves.
  const failedFiles = (r.testResults ?? []).filter((file) => file.status === "failed").length;
  console.log(
    `${name}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped, ${failedFiles} failed files`,
  );
  passed += r.numPassedTests;
  // A file that fails to load has no failed tests of its own; count it once.
  failed += r.numFailedTests + (r.numFailedTests === 0 ? failedFiles : 0);
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  // Name what failed: the CI log keeps only its tail, so this is where a failure is found again.
  for (const file of r.testResults ?? []) {
    if (file.status !== "failed") continue;
    const where = file.name.replace(/^.*?\/(server|contract|web|test)\//, "$1/");
    const tests = (file.assertionResults ?? []).filter((t) => t.status === "failed");
    if (tests.length === 0) console.log(`  FAILED FILE ${where}: ${(file.message ?? "").slice(0, 400)}`);
    for (const t of tests) {
      console.log(`  FAILED ${where} › ${t.fullName}: ${(t.failureMessages ?? []).join(" ").slice(0, 400)}`);
    }
  }
}

const pw = read("playwright.json");
if (pw) {
  const s = pw.stats ?? {};
  const ok = (s.expected ?? 0) + (s.flaky ?? 0);
  const bad = (s.unexpected ?? 0) + (pw.errors?.length ?? 0);
  console.log(`playwright.json: ${ok} passed, ${bad} failed, ${s.skipped ?? 0} skipped`);
  passed += ok;
  failed += bad;
  skipped += s.skipped ?? 0;
}

console.log(`static checks failed: ${checksFailed}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
