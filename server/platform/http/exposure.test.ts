import { describe, expect, it } from "vitest";
import { type TestApp, createTestApp } from "../../../test/support/app.js";
import { fixedClock } from "../clock.js";
import { loadConfig } from "../config.js";

async function withApp(env: Record<string, string>, run: (app: TestApp) => Promise<void>, now?: Date) {
  const app = await createTestApp(env, now ? fixedClock(now) : undefined);
  try {
    await run(app);
  } finally {
    await app.fyr.http.close();
    await app.database.drop();
  }
}

/** RFC 9116 §2.2–2.5: "Field: value" lines, each field name as registered; comments start with #. */
function parseSecurityTxt(text: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const match = /^([A-Za-z-]+): (\S.*)$/.exec(line);
    if (!match) throw new Error(`not a field line: ${JSON.stringify(line)}`);
    const [, name = "", value = ""] = match;
    fields.set(name.toLowerCase(), [...(fields.get(name.toLowerCase()) ?? []), value]);
  }
  return fields;
}

describe("what a process exposes", () => {
  it("a public-only process serves neither metrics nor the API description", async () => {
    await withApp({ FYR_ROLES: "public" }, async ({ fyr }) => {
      for (const url of ["/metrics", "/api/docs", "/api/docs/", "/api/openapi.json"]) {
        const res = await fyr.http.inject({ url });
        expect(res.statusCode, url).toBe(404);
        expect(res.body).not.toContain("fyr_http_request_duration_seconds");
      }
      // The public surface itself is there.
      expect((await fyr.http.inject({ url: "/api/public/v1/limits" })).statusCode).toBe(200);
      expect((await fyr.http.inject({ url: "/.well-known/security.txt" })).statusCode).toBe(200);
    });
  });

  it("serves metrics only to a direct loopback request or an allowed address", async () => {
    await withApp({ FYR_METRICS_ALLOW: "198.51.100.0/24", FYR_TRUST_PROXY: "10.0.0.5" }, async ({ fyr }) => {
      const scrape = (remoteAddress: string, headers: Record<string, string> = {}) =>
        fyr.http.inject({ url: "/metrics", remoteAddress, headers });
      expect((await scrape("127.0.0.1")).statusCode).toBe(200);
      expect((await scrape("::1")).statusCode).toBe(200);
      expect((await scrape("198.51.100.20")).statusCode).toBe(200);
      const outsider = await scrape("203.0.113.9");
      expect(outsider.statusCode).toBe(403);
      expect(outsider.json()).toMatchObject({ code: "metrics_forbidden" });
      expect(outsider.body).not.toContain("fyr_");
      // A reverse proxy on the same host that we were not told to trust: every client looks local.
      expect((await scrape("127.0.0.1", { "x-forwarded-for": "203.0.113.9" })).statusCode).toBe(403);
      // Through the trusted proxy, the client behind it is what counts.
      expect((await scrape("10.0.0.5", { "x-forwarded-for": "198.51.100.7" })).statusCode).toBe(200);
      expect((await scrape("10.0.0.5", { "x-forwarded-for": "203.0.113.9" })).statusCode).toBe(403);
    });
  });

  it("still documents the API on a process that runs the staff role", async () => {
    await withApp({ FYR_ROLES: "staff" }, async ({ fyr }) => {
      expect((await fyr.http.inject({ url: "/api/openapi.json" })).statusCode).toBe(200);
    });
  });

  it("publishes a valid security.txt from configuration, expiring within a year", async () => {
    const now = new Date("2026-12-01T15:30:00Z");
    const env = {
      FYR_ROLES: "public",
      FYR_PUBLIC_URL: "https://cert.example.se",
      FYR_MAIL_FROM: "CERT-SE <cert@cert.example.se>",
      FYR_SECURITY_ENCRYPTION: "https://cert.example.se/pgp-key.asc",
      FYR_SECURITY_POLICY: "https://cert.example.se/disclosure-policy",
    };
    await withApp(
      env,
      async ({ fyr }) => {
        const res = await fyr.http.inject({ url: "/.well-known/security.txt" });
        expect(res.statusCode).toBe(200);
        expect(res.headers["content-type"]).toBe("text/plain; charset=utf-8");
        expect(res.body.endsWith("\n")).toBe(true);
        const fields = parseSecurityTxt(res.body);
        // Contact: required, a URI; the default is the address Fyr sends mail from.
        expect(fields.get("contact")).toEqual(["mailto:cert@cert.example.se"]);
        // Expires: required exactly once, RFC 3339, in the future and less than a year ahead.
        const expires = fields.get("expires") ?? [];
        expect(expires).toHaveLength(1);
        expect(expires[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        const at = Date.parse(expires[0] ?? "");
        expect(at).toBeGreaterThan(now.getTime());
        expect(at - now.getTime()).toBeLessThan(365 * 86_400_000);
        expect(fields.get("encryption")).toEqual(["https://cert.example.se/pgp-key.asc"]);
        expect(fields.get("preferred-languages")).toEqual(["sv, en"]);
        expect(fields.get("policy")).toEqual(["https://cert.example.se/disclosure-policy"]);
        expect(fields.get("canonical")).toEqual(["https://cert.example.se/.well-known/security.txt"]);
        // CSAF 2.0 requirement 8 (a field IANA's security.txt registry holds): the provider's metadata.
        expect(fields.get("csaf")).toEqual(["https://cert.example.se/.well-known/csaf/provider-metadata.json"]);
        // Nothing but registered fields.
        expect([...fields.keys()].sort()).toEqual(
          ["canonical", "contact", "csaf", "encryption", "expires", "policy", "preferred-languages"].sort(),
        );
      },
      now,
    );
  });

  it("takes several contacts and refuses a contact that is not a URI", async () => {
    await withApp({ FYR_SECURITY_CONTACT: "mailto:a@cert.example, https://cert.example/report" }, async ({ fyr }) => {
      const fields = parseSecurityTxt((await fyr.http.inject({ url: "/.well-known/security.txt" })).body);
      expect(fields.get("contact")).toEqual(["mailto:a@cert.example", "https://cert.example/report"]);
      expect(fields.has("encryption")).toBe(false);
    });
    expect(() => loadConfig({ FYR_SECURITY_CONTACT: "cert@example.se" })).toThrow(/FYR_SECURITY_CONTACT/);
    expect(() => loadConfig({ FYR_TRUST_PROXY: "10.0.0.0/33" })).toThrow(/FYR_TRUST_PROXY/);
    expect(() => loadConfig({ FYR_METRICS_ALLOW: "localhost" })).toThrow(/FYR_METRICS_ALLOW/);
  });
});
