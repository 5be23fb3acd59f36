// `npm run build:server`: bundles the server (dist/server/main.js) and the CLI (dist/server/cli.js)
// into plain JavaScript, so production starts without compiling TypeScript (tsx stays for development).
// Dependencies are bundled too: loading one file is several times faster than resolving hundreds
// (kysely, zod, mailparser), which an MTA pipe pays per message.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { ROOT } from "./freshness.mjs";

const outdir = join(ROOT, "dist/server");
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: ROOT,
  entryPoints: ["server/main.ts", "server/cli.ts"],
  outdir,
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  // Kept as packages: they find files of their own beside their code (WASM, native addons, Swagger
  // UI's assets, pino's worker), or are optional (pg-native). YARA-X is a native addon, loaded at run
  // time by features/yara/binding.ts (its scanner's child process runs from the sources, through tsx).
  external: [
    "@litko/yara-x",
    "@litko/yara-x-linux-x64-gnu",
    "@electric-sql/pglite",
    "@node-rs/argon2",
    "pg-native",
    "@fastify/swagger",
    "@fastify/swagger-ui",
    "@fastify/static",
    "pino",
    "thread-stream",
    "@litko/yara-x-linux-x64-gnu",
  ],
  // Bundled CommonJS packages call require(); an ES module has none of its own.
  banner: {
    js: 'import { createRequire as __fyrRequire } from "node:module"; const require = __fyrRequire(import.meta.url);',
  },
});
