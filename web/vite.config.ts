import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { type Plugin, defineConfig } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const outDir = here("../dist/web");

// Text files worth compressing; images other than SVG and fonts are compressed already.
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/;

/**
 * After the build: a `.br` (brotli, best) and a `.gz` (gzip, best) beside every text file, so the
 * server sends them as they are (server/platform/http/web.ts) instead of compressing per request.
 * A variant not smaller than the original is not written.
 */
function precompress(): Plugin {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
  return {
    name: "fyr-precompress",
    apply: "build",
    closeBundle() {
      for (const file of files(outDir).filter((f) => COMPRESSIBLE.test(f))) {
        const raw = readFileSync(file);
        const br = brotliCompressSync(raw, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
        });
        const gz = gzipSync(raw, { level: 9 });
        if (br.length < raw.length) writeFileSync(`${file}.br`, br);
        if (gz.length < raw.length) writeFileSync(`${file}.gz`, gz);
      }
    },
  };
}

// Three entries: the public portal (served at /), the staff console (/console) and the member area of
// constituent organisations (/member, served with the portal by the public role).
// The server applies a strict CSP (script-src/style-src 'self'), so styles are plain CSS files
// and no entry may inline scripts or styles.
export default defineConfig({
  root: here("./"),
  base: "/",
  publicDir: here("./public"),
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    assetsInlineLimit: 0,
    rollupOptions: {
      input: {
        portal: here("./portal/index.html"),
        console: here("./console/index.html"),
        member: here("./member/index.html"),
      },
    },
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
});
