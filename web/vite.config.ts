import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Two entries: the public portal (served at /) and the staff console (served at /console).
// The server applies a strict CSP (script-src/style-src 'self'), so styles are plain CSS files
// and no entry may inline scripts or styles.
export default defineConfig({
  root: here("./"),
  base: "/",
  publicDir: here("./public"),
  plugins: [react()],
  build: {
    outDir: here("../dist/web"),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    rollupOptions: {
      input: {
        portal: here("./portal/index.html"),
        console: here("./console/index.html"),
      },
    },
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
});
