import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { CERT_META_NAME } from "../../../contract/cert.js";
import { loadConfig } from "../config.js";
import { createLogger } from "../log.js";
import { createMetrics } from "../metrics.js";
import { createHttpServer } from "./server.js";
import { isHashedAsset, registerWebRoutes } from "./web.js";

// The built web as the server sends it: precompressed by Accept-Encoding, hashed files cached for a
// year, entries revalidated; the portal's page carries the CERT's contact and its <noscript> part.

const root = `${mkdtempSync(join(tmpdir(), "fyr-web-"))}/`;
afterAll(() => rmSync(root, { recursive: true, force: true }));
const script = "console.log('portal');\n".repeat(200);
function write(path: string, text: string, compressed = true): void {
  mkdirSync(join(root, path, ".."), { recursive: true });
  writeFileSync(join(root, path), text);
  if (!compressed) return;
  writeFileSync(join(root, `${path}.br`), brotliCompressSync(text));
  writeFileSync(join(root, `${path}.gz`), gzipSync(text));
}
write("assets/portal-AbCd1234.js", script);
write("favicon.svg", "<svg xmlns='http://www.w3.org/2000/svg'></svg>", false);
write("portal/index.html", '<html><head><title>x</title></head><body><div id="root"></div></body></html>');
write("console/index.html", "<html><body>console</body></html>");

async function server() {
  const config = loadConfig({ FYR_LOG_LEVEL: "silent", FYR_CERT_NAME: "CERT-Test & Co" });
  const app = await createHttpServer({ config, logger: createLogger("silent"), metrics: createMetrics() });
  await registerWebRoutes(app, {
    roles: new Set(["public", "staff"]),
    cert: config.cert,
    root,
    portalNoscript: (req) => `<p>plain ${req.url}</p>`,
  });
  await app.ready();
  return app;
}

describe("the built web", () => {
  it("sends brotli or gzip as the browser accepts, and plain otherwise", async () => {
    const app = await server();
    const get = (encoding?: string) =>
      app.inject({
        method: "GET",
        url: "/assets/portal-AbCd1234.js",
        headers: encoding ? { "accept-encoding": encoding } : {},
      });
    const br = await get("gzip, deflate, br");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    expect(br.headers["content-type"]).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    const gz = await get("gzip");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);
    const plain = await get();
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(script);
    await app.close();
  });

  it("keeps hashed files for a year and asks again for everything else", async () => {
    const app = await server();
    for (const encoding of ["br", "gzip", "identity"]) {
      const headers = { "accept-encoding": encoding };
      const asset = await app.inject({ method: "GET", url: "/assets/portal-AbCd1234.js", headers });
      expect(asset.headers["cache-control"], encoding).toBe("public, max-age=31536000, immutable");
    }
    const favicon = await app.inject({ method: "GET", url: "/favicon.svg" });
    expect(favicon.headers["cache-control"]).toBe("no-cache");
    for (const url of ["/", "/report", "/follow-up", "/console", "/console/reports"]) {
      const res = await app.inject({ method: "GET", url, headers: { "accept-encoding": "br" } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["cache-control"], url).toBe("no-cache");
      expect(res.headers["content-type"], url).toMatch(/^text\/html/);
    }
    await app.close();
  });

  it("puts the CERT's contact and the page's <noscript> part into the portal's page", async () => {
    const app = await server();
    const res = await app.inject({ method: "GET", url: "/report?lang=en" });
    expect(res.body).toContain('<noscript><p>plain /report?lang=en</p></noscript><div id="root">');
    const meta = new RegExp(`<meta name="${CERT_META_NAME}" content="([^"]+)"`).exec(res.body)?.[1] ?? "";
    const cert = JSON.parse(meta.replace(/&quot;/g, '"').replace(/&amp;/g, "&")) as { name: string };
    expect(cert.name).toBe("CERT-Test & Co");
    expect(res.headers.vary).toMatch(/accept-language/);
    await app.close();
  });

  it("knows a hashed file by its name", () => {
    expect(isHashedAsset("/srv/dist/web/assets/portal-CCcIPAUX.js")).toBe(true);
    expect(isHashedAsset("/srv/dist/web/assets/wording-C0IPU4yM.css")).toBe(true);
    expect(isHashedAsset("/srv/dist/web/assets/portal-CCcIPAUX.js.br")).toBe(true);
    expect(isHashedAsset("/srv/dist/web/favicon.svg")).toBe(false);
    expect(isHashedAsset("/srv/dist/web/portal/index.html")).toBe(false);
  });
});
