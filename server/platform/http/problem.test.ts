import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loadConfig } from "../config.js";
import { AppError } from "../errors.js";
import { createLogger } from "../log.js";
import { createMetrics } from "../metrics.js";
import { createHttpServer } from "./server.js";

async function serverWithProbeRoutes() {
  const config = loadConfig({ FYR_LOG_LEVEL: "silent", FYR_BODY_LIMIT_BYTES: "2048" });
  const app = await createHttpServer({ config, logger: createLogger("silent"), metrics: createMetrics() });
  app.post(
    "/probe",
    {
      schema: {
        body: z.object({
          name: z.string().min(1),
          age: z.number().int(),
          tags: z.array(z.string()),
          nick: z.string().max(10).optional(),
          email: z.email().optional(),
          kind: z.enum(["a", "b"]).optional(),
        }),
      },
    },
    async (req) => ({ hello: req.body.name }),
  );
  app.get("/boom", async () => {
    throw new Error("select * from secrets -- internal detail");
  });
  app.get("/conflict", async () => {
    throw new AppError("report_already_linked", "conflict", "The report is already linked to this incident");
  });
  await app.ready();
  return app;
}

describe("errors as problem+json", () => {
  it("lists every bad field", async () => {
    const app = await serverWithProbeRoutes();
    const res = await app.inject({ method: "POST", url: "/probe", payload: { name: "", age: "x", tags: [1] } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe("validation_failed");
    const paths = body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(["body.age", "body.name", "body.tags.0"]);
  });

  it("gives every bad field a code a client can word in its reader's language, with the limit", async () => {
    const app = await serverWithProbeRoutes();
    const payload = { name: "", age: "x", tags: [1], nick: "abcdefghijk", email: "nope", kind: "z" };
    const res = await app.inject({ method: "POST", url: "/probe", payload });
    const byPath = Object.fromEntries(
      res.json().errors.map((e: { path: string; code: string; params?: object }) => [e.path, e]),
    );
    expect(byPath["body.name"]).toMatchObject({ code: "required" });
    expect(byPath["body.age"]).toMatchObject({ code: "invalid_type" });
    expect(byPath["body.tags.0"]).toMatchObject({ code: "invalid_type" });
    expect(byPath["body.nick"]).toMatchObject({ code: "too_long", params: { limit: 10 } });
    expect(byPath["body.email"]).toMatchObject({ code: "invalid_email" });
    expect(byPath["body.kind"]).toMatchObject({ code: "invalid_choice" });
    const missing = await app.inject({ method: "POST", url: "/probe", payload: { age: 1, tags: [] } });
    expect(missing.json().errors).toEqual([expect.objectContaining({ path: "body.name", code: "required" })]);
  });

  it("refuses malformed JSON with 400", async () => {
    const app = await serverWithProbeRoutes();
    const res = await app.inject({
      method: "POST",
      url: "/probe",
      headers: { "content-type": "application/json" },
      payload: '{"name": "x",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe("malformed_json");
  });

  it("refuses an oversized body with 413", async () => {
    const app = await serverWithProbeRoutes();
    const res = await app.inject({
      method: "POST",
      url: "/probe",
      payload: { name: "x".repeat(5000), age: 1, tags: [] },
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers["content-type"]).toMatch(/problem\+json/);
  });

  it("refuses an unknown content type with 415", async () => {
    const app = await serverWithProbeRoutes();
    const res = await app.inject({
      method: "POST",
      url: "/probe",
      headers: { "content-type": "application/x-unknown" },
      payload: "abc",
    });
    expect(res.statusCode).toBe(415);
  });

  it("hides internals of unexpected errors", async () => {
    const app = await serverWithProbeRoutes();
    const res = await app.inject({ url: "/boom" });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain("secrets");
    expect(res.json()).toMatchObject({ code: "internal_error", status: 500 });
  });

  it("maps an AppError to its status and code", async () => {
    const app = await serverWithProbeRoutes();
    const res = await app.inject({ url: "/conflict" });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "report_already_linked", type: "urn:fyr:problem:report_already_linked" });
  });
});
