import { describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { createLogger } from "../log.js";
import { createMetrics } from "../metrics.js";
import { createHttpServer } from "./server.js";

// The public 404: a person's browser gets a page in their language with how to reach the CERT (from
// configuration); API clients keep problem+json.

const BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

async function server(env: Record<string, string> = {}) {
  const config = loadConfig({ FYR_LOG_LEVEL: "silent", ...env });
  const app = await createHttpServer({ config, logger: createLogger("silent"), metrics: createMetrics() });
  await app.ready();
  return app;
}

describe("nothing at this address", () => {
  it("shows a browser a Swedish page with the CERT's telephone and e-mail", async () => {
    const app = await server({
      FYR_CERT_NAME: "CERT-X",
      FYR_CERT_PHONE: "+46 8 123 45 67",
      FYR_CERT_EMAIL: "jour@cert.example",
    });
    const res = await app.inject({
      url: "/no-such-page",
      headers: { accept: BROWSER, "accept-language": "sv-SE,sv;q=0.9,en;q=0.8" },
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(res.body).toContain('<html lang="sv">');
    expect(res.body).toContain("Sidan finns inte");
    expect(res.body).toContain('href="tel:+4681234567">+46 8 123 45 67</a>');
    expect(res.body).toContain('href="mailto:jour@cert.example"');
    expect(res.body).toContain("CERT-X");
  });

  it("speaks English to a browser that prefers it, and the language chosen in the web wins over the browser's", async () => {
    const app = await server();
    const english = await app.inject({
      url: "/nope",
      headers: { accept: BROWSER, "accept-language": "en-GB,en;q=0.9" },
    });
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain("Page not found");
    const chosen = await app.inject({
      url: "/nope",
      headers: { accept: BROWSER, "accept-language": "en-GB", cookie: "fyr_language=sv" },
    });
    expect(chosen.body).toContain("Sidan finns inte");
    const neither = await app.inject({
      url: "/nope",
      headers: { accept: BROWSER, "accept-language": "de-DE,fr;q=0.5" },
    });
    expect(neither.body).toContain('<html lang="sv">');
  });

  it("never echoes the address it was asked for", async () => {
    const app = await server();
    const res = await app.inject({ url: "/%3Cscript%3Ealert(1)%3C/script%3E", headers: { accept: BROWSER } });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain("<script");
  });

  it("answers API clients, and any /api path, with problem+json", async () => {
    const app = await server();
    for (const [url, accept] of [
      ["/api/v1/nope", BROWSER],
      ["/api/public/v1/nope", BROWSER],
      ["/nope", "application/json"],
      ["/assets/missing.js", "*/*"],
    ]) {
      const res = await app.inject({ url, headers: { accept } });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["content-type"], url).toMatch(/^application\/problem\+json/);
      expect(res.json(), url).toMatchObject({ code: "not_found", status: 404 });
    }
    const post = await app.inject({ method: "POST", url: "/nope", headers: { accept: BROWSER } });
    expect(post.headers["content-type"]).toMatch(/problem\+json/);
  });
});
