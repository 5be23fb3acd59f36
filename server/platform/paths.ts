import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// Files read at run time (migrations, the web build, data files) are found from the project's root,
// never relative to a module's own URL: in production the code runs bundled from dist/server/, so a
// module's URL is the bundle's, not its source file's.

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** The directory holding package.json: two up from server/platform/ (tsx), two up from dist/server/ (built). */
export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the project, from its root: `projectPath("server", "migrations")`. */
export function projectPath(...parts: string[]): string {
  return join(PROJECT_ROOT, ...parts);
}
