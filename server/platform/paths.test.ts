import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "./paths.js";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [path] : [];
  });
}

// Production runs the server bundled into dist/server/ (issue 19 item 10), where every module's URL is
// the bundle's: a file found relative to import.meta.url is looked for in the wrong place.
describe("files read at run time", () => {
  it("are found from the project root, never relative to a module's URL", () => {
    const allowed = new Set(["server/platform/paths.ts", "server/cli.ts"]);
    const offenders = sources(join(PROJECT_ROOT, "server"))
      .map((f) => relative(PROJECT_ROOT, f))
      .filter((f) => !allowed.has(f) && readFileSync(join(PROJECT_ROOT, f), "utf8").includes("import.meta.url"));
    expect(offenders).toEqual([]);
  });
});
