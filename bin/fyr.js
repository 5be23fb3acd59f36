#!/usr/bin/env node
// `fyr` command. Runs the compiled CLI (dist/server/cli.js, built by `npm install` / `npm run build`)
// when it is up to date with the sources — an MTA pipe pays the start-up per message — and otherwise
// the TypeScript sources through tsx, so a developer's edits are never shadowed by a stale build.
// npx may run this through a symlink (node_modules/.bin/fyr), so it calls the CLI explicitly.
import module from "node:module";
import { isFresh } from "../scripts/freshness.mjs";

// Node 22.1+ keeps V8's compiled code between runs (in the OS temp dir): a second start skips parsing.
module.enableCompileCache?.();

let cli;
if (isFresh("server")) {
  cli = await import("../dist/server/cli.js");
} else {
  const { register } = await import("tsx/esm/api");
  register();
  cli = await import("../server/cli.ts");
}
cli.runCliAndExit(process.argv.slice(2));
