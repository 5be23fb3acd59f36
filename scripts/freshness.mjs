// When a build output is older than its sources. Plain JavaScript: bin/fyr.js and `npm start` ask
// this before anything is compiled, so it must not need tsx.
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** What each build reads, and the stamp it leaves (its mtime is when the build started). */
export const BUILDS = {
  // The server renders the portal without JavaScript in the web's words (web/lib/i18n).
  server: { inputs: ["server", "contract", "web/lib/i18n", "package-lock.json"], stamp: "dist/server/.built" },
  web: { inputs: ["web", "contract", "package-lock.json"], stamp: "dist/web/.built" },
};

// Test files are not part of a build: editing one must not make the CLI fall back to tsx.
const IGNORED = /\.test\.tsx?$/;

function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return IGNORED.test(path) ? 0 : stat.mtimeMs;
  let max = stat.mtimeMs; // a deleted file shows only as its directory's change
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

/** True when the named build exists and no input changed after it started. */
export function isFresh(name) {
  const build = BUILDS[name];
  let built;
  try {
    built = statSync(join(ROOT, build.stamp)).mtimeMs;
  } catch {
    return false;
  }
  return build.inputs.every((input) => newest(join(ROOT, input)) <= built);
}
