#!/usr/bin/env node
// `fyr` command: runs server/cli.ts through tsx's loader (the project ships TypeScript sources).
// npx may run this through a symlink (node_modules/.bin/fyr), so it calls the CLI explicitly.
import { register } from "tsx/esm/api";
register();
const { runCliAndExit } = await import("../server/cli.ts");
runCliAndExit(process.argv.slice(2));
