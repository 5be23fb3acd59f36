import { randomBytes } from "node:crypto";
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type TestApp, createTestApp } from "../../../test/support/app.js";
import { buildFyr } from "../../app.js";
import { systemClock } from "../../platform/clock.js";
import { loadConfig } from "../../platform/config.js";
import { createLogger } from "../../platform/log.js";
import { minimalReport, multipart, tempDataDir } from "./test-fixtures.js";

const dataDir = tempDataDir();
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** Every file under the data dir's blob store, temporary ones included. */
async function filesInDataDir(): Promise<number> {
  const entries = await readdir(join(dataDir, "blobs"), { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).length;
}

const post = (app: TestApp["fyr"], body: ReturnType<typeof multipart>, remoteAddress: string) =>
  app.http.inject({ method: "POST", url: "/api/public/v1/reports", remoteAddress, ...body });

/** The hour's quota window must not end during a test. */
async function freshHour(): Promise<void> {
  const left = 3_600_000 - (Date.now() % 3_600_000);
  if (left < 60_000) await new Promise((r) => setTimeout(r, left + 50));
}

describe("anonymous uploads cannot fill the disk", () => {
  it("refuses a multipart report whose form is broken or comes after its files, storing no file byte", async () => {
    const app = await createTestApp({ FYR_DATA_DIR: dataDir });
    try {
      const before = await filesInDataDir();
      const file = { filename: "dump.bin", content: randomBytes(40_000) };
      const cases = [
        multipart({ report: "{not json" }, [file], { filesFirst: true }),
        multipart({ report: JSON.stringify({ whatHappened: "" }) }, [file], { filesFirst: true }),
        // Even a valid form is refused when its files came first: they would already be on disk.
        multipart({ report: JSON.stringify(minimalReport()) }, [file], { filesFirst: true }),
        multipart({ report: "{not json" }, [file]),
      ];
      for (const body of cases) {
        const res = await post(app.fyr, body, "192.0.2.70");
        expect(res.statusCode).toBe(400);
        expect(res.json<{ errors: { path: string }[] }>().errors[0]?.path).toMatch(/^body\.report/);
      }
      expect(await filesInDataDir()).toBe(before);
      // The same report in the order the portal sends it is taken.
      expect(
        (await post(app.fyr, multipart({ report: JSON.stringify(minimalReport()) }, [file]), "192.0.2.70")).statusCode,
      ).toBe(201);
      expect(await filesInDataDir()).toBeGreaterThan(before);
    } finally {
      await app.fyr.http.close();
      await app.database.drop();
    }
  }, 120_000);

  it("holds each client to an hourly byte quota, across processes, with 429", async () => {
    const env = {
      FYR_DATA_DIR: dataDir,
      FYR_MAX_ATTACHMENT_BYTES: "65536",
      FYR_PUBLIC_UPLOAD_BYTES_PER_HOUR: "100000",
    };
    const a = await createTestApp(env);
    const config = loadConfig({ FYR_LOG_LEVEL: "silent", FYR_PUBLIC_RATE_LIMIT: "0", ...env });
    // A second process on the same database.
    const b = await buildFyr({
      config,
      logger: createLogger("silent"),
      database: a.database.handle,
      clock: systemClock,
      serveWeb: false,
    });
    try {
      await freshHour();
      const upload = (size: number) =>
        multipart({ report: JSON.stringify(minimalReport()) }, [{ filename: "x.bin", content: randomBytes(size) }]);
      expect((await post(a.fyr, upload(60_000), "192.0.2.80")).statusCode).toBe(201);
      const before = await filesInDataDir();
      const over = await post(a.fyr, upload(60_000), "192.0.2.80");
      expect(over.statusCode).toBe(429);
      expect(over.headers["content-type"]).toContain("application/problem+json");
      expect(over.json()).toMatchObject({ code: "upload_quota_exceeded" });
      expect(Number(over.headers["retry-after"])).toBeGreaterThan(0);
      expect(await filesInDataDir()).toBe(before);
      // A report without files still gets through: the quota is on what we store.
      expect(
        (
          await a.fyr.http.inject({
            method: "POST",
            url: "/api/public/v1/reports",
            remoteAddress: "192.0.2.80",
            payload: minimalReport(),
          })
        ).statusCode,
      ).toBe(201);
      // Another client has its own quota.
      expect((await post(a.fyr, upload(60_000), "192.0.2.81")).statusCode).toBe(201);

      // The other process knows once this one has written its counts (about a second).
      await a.fyr.deps.counter.flush();
      const elsewhere = await post(b, upload(1000), "192.0.2.80");
      expect(elsewhere.statusCode).toBe(429);
      expect(elsewhere.json()).toMatchObject({ code: "upload_quota_exceeded" });
      expect((await post(b, upload(30_000), "192.0.2.82")).statusCode).toBe(201);
    } finally {
      await b.http.close();
      await a.fyr.http.close();
      await a.database.drop();
    }
  }, 120_000);
});
