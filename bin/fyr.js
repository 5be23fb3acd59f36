#!/usr/bin/env node
// `fyr` command: runs server/cli.ts through tsx's loader (the project ships TypeScript sources).
import { register } from "tsx/esm/api";
register();
await import("../server/cli.ts");
