import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";

describe("HTTP plumbing", () => {
  const app = useTestApp();

  it("answers /healthz and /readyz once migrated", async () => {
    const { http } = app().fyr;
    expect((await http.inject({ url: "/healthz" })).json()).toEqual({ status: "ok" });
    const ready = await http.inject({ url: "/readyz" });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: "ready" });
  });

  it("answers an unknown path with problem+json and no stack trace", async () => {
    const res = await app().fyr.http.inject({ url: "/api/v1/nothing-here" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 404, code: "not_found", title: "Not found" });
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it("sets strict security headers on pages", async () => {
    const res = await app().fyr.http.inject({ url: "/console/" });
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["strict-transport-security"]).toBeUndefined(); // plain http here
  });

  it("lets nothing in an API answer load, run or be cached", async () => {
    for (const url of ["/healthz", "/api/v1/auth/me", "/api/v1/nothing-here"]) {
      const res = await app().fyr.http.inject({ url });
      expect(res.headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
    }
  });

  it("serves the OpenAPI document", async () => {
    const res = await app().fyr.http.inject({ url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ openapi: expect.stringMatching(/^3\./), info: { title: "Fyr API" } });
  });

  it("exposes Prometheus metrics with request durations by route", async () => {
    await app().fyr.http.inject({ url: "/healthz" });
    const res = await app().fyr.http.inject({ url: "/metrics" });
    expect(res.body).toContain('fyr_http_request_duration_seconds_count{method="GET",route="/healthz",status="200"}');
  });
});
