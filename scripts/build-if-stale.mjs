// `npm install` (prepare) and `npm start` (prestart): builds the server bundle and the web bundle,
// each only when its sources changed since it was last built, so a restart does not rebuild.
// `npm run build` (--force) builds both regardless. Names (server, web) pick builds.
import { spawnSync } from "node:child_process";
import { closeSync, openSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { BUILDS, ROOT, isFresh } from "./freshness.mjs";

const force = process.argv.includes("--force");
const wanted = process.argv.slice(2).filter((a) => !a.startsWith("--"));
for (const name of wanted.length > 0 ? wanted : Object.keys(BUILDS)) {
  if (!force && isFresh(name)) continue;
  const started = new Date();
  const result = spawnSync("npm", ["run", "--silent", `build:${name}`], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
  // The stamp carries the build's start: a source saved during the build still counts as newer.
  const stamp = join(ROOT, BUILDS[name].stamp);
  closeSync(openSync(stamp, "a"));
  utimesSync(stamp, started, started);
}
