import { rm } from "node:fs/promises";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minimalReport, multipart, tempDataDir } from "../../features/intake/test-fixtures.js";
import { buildFyr, type FyrInstance } from "../../app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { type TestDatabase, createTestDatabase } from "../../../test/support/db.js";
import { systemClock } from "../clock.js";
import { loadConfig } from "../config.js";

// A NUL (or any other control character) in any text is the sender's mistake: 400 naming the field,
// on every route and in every part of the request, and never an error in the log.

const logLines: { level: number; msg?: string }[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) logLines.push(JSON.parse(line));
    done();
  },
});

const dataDir = tempDataDir();
let database: TestDatabase;
let fyr: FyrInstance;
let analyst = "";

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ FYR_LOG_LEVEL: "info", FYR_PUBLIC_RATE_LIMIT: "0", FYR_DATA_DIR: dataDir });
  fyr = await buildFyr({
    config,
    logger: pino({ level: "info" }, sink),
    database: database.handle,
    clock: systemClock,
    serveWeb: false,
  });
  await fyr.http.ready();
  analyst = (await createTokenFor({ fyr, database, clock: systemClock }, { roles: ["analyst"] })).token;
});

afterAll(async () => {
  await fyr.http.close();
  await fyr.stopBackground(0);
  await database.drop();
  await rm(dataDir, { recursive: true, force: true });
});

const staff = (url: string, more: { method?: "GET" | "POST" | "PATCH"; payload?: object } = {}) =>
  fyr.http.inject({ method: more.method ?? "GET", url, headers: { authorization: `Bearer ${analyst}` }, ...more });

function expectRefused(
  res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown },
  path: string,
) {
  expect(res.statusCode).toBe(400);
  expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({
    code: "validation_failed",
    errors: [{ path, message: expect.stringMatching(/control character \(U\+[0-9A-F]{4}\)/) }],
  });
}

describe("control characters in text", () => {
  it("refuses a NUL in a public report's field, naming it", async () => {
    const res = await fyr.http.inject({
      method: "POST",
      url: "/api/public/v1/reports",
      payload: minimalReport({ whatHappened: "Filer\u0000krypterade" }),
    });
    expectRefused(res, "body.whatHappened");
    const nested = await fyr.http.inject({
      method: "POST",
      url: "/api/public/v1/reports",
      payload: minimalReport({ reporter: { email: "anna@example.se", name: "Anna\u0000" } }),
    });
    expectRefused(nested, "body.reporter.name");
  });

  it("refuses it in the report field of a multipart report too", async () => {
    const { payload, headers } = multipart({ report: JSON.stringify(minimalReport({ summary: "Hej\u0000" })) });
    expectRefused(
      await fyr.http.inject({ method: "POST", url: "/api/public/v1/reports", payload, headers }),
      "body.report.summary",
    );
  });

  it("refuses C0 and C1 controls alike, and keeps tab, line feed and carriage return", async () => {
    for (const bad of ["\u001b[31mröd\u001b[0m", "ett\u0085två", "radera\u007f"]) {
      const res = await fyr.http.inject({
        method: "POST",
        url: "/api/public/v1/reports",
        payload: minimalReport({ whatHappened: bad }),
      });
      expectRefused(res, "body.whatHappened");
    }
    const fine = await fyr.http.inject({
      method: "POST",
      url: "/api/public/v1/reports",
      payload: minimalReport({ whatHappened: "Rad ett\r\nRad\ttvå\nslut" }),
    });
    expect(fine.statusCode).toBe(201);
  });

  it("refuses it in a search, a reference in the URL, a query string and a header", async () => {
    expectRefused(await staff("/api/v1/search?q=l%C3%B6sen%00ord"), "querystring.q");
    expectRefused(await staff("/api/v1/incidents/FYR-INC-2026%0000001"), "params.reference");
    expectRefused(await staff("/api/v1/reports/FYR-2026-%0000001"), "params.reference");
    expectRefused(await staff("/api/v1/incidents?q=%00"), "querystring.q");
    expectRefused(
      await staff("/api/v1/incidents", { method: "POST", payload: { title: "Nätfiske\u0000", reports: [] } }),
      "body.title",
    );
    const header = await fyr.http.inject({
      method: "GET",
      url: "/api/public/v1/limits",
      headers: { "x-fyr-channel": "web\u0000" },
    });
    expectRefused(header, "headers.x-fyr-channel");
  });

  it("logged none of it as an error", () => {
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.filter((l) => l.level >= 50)).toEqual([]);
  });
});
