import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildFyr, type FyrInstance } from "../../app.js";
import { createTestApp } from "../../../test/support/app.js";
import { createTestDatabase, type TestDatabase } from "../../../test/support/db.js";
import { systemClock } from "../clock.js";
import { loadConfig } from "../config.js";
import { createLogger } from "../log.js";

/** Windows are fixed minutes: start a test well inside one, so it never straddles a boundary. */
async function freshMinute(needMs = 20_000): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < needMs) await new Promise((r) => setTimeout(r, left + 50));
}

/** Two Fyr processes (as far as Fyr can tell: each its own node) on one database. */
async function twoNodes(env: Record<string, string>): Promise<{ a: FyrInstance; b: FyrInstance; db: TestDatabase }> {
  const db = await createTestDatabase();
  const build = async () => {
    const config = loadConfig({ FYR_LOG_LEVEL: "silent", ...env });
    const fyr = await buildFyr({
      config,
      logger: createLogger("silent"),
      database: db.handle,
      clock: systemClock,
      serveWeb: false,
    });
    await fyr.http.ready();
    return fyr;
  };
  return { a: await build(), b: await build(), db };
}

const limits = (fyr: FyrInstance, remoteAddress = "192.0.2.44", headers: Record<string, string> = {}) =>
  fyr.http.inject({ method: "GET", url: "/api/public/v1/limits", remoteAddress, headers });

describe("rate limits across processes", () => {
  it("two processes on one database share a client's public and sign-in limits", async () => {
    const { a, b, db } = await twoNodes({ FYR_PUBLIC_RATE_LIMIT: "3", FYR_LOGIN_RATE_LIMIT: "2" });
    try {
      await freshMinute();
      expect((await limits(a)).statusCode).toBe(200);
      expect((await limits(a)).statusCode).toBe(200);
      await a.deps.counter.flush();
      // B has counted nothing itself, yet the client has one request left in total.
      expect((await limits(b)).statusCode).toBe(200);
      const refused = await limits(b);
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({ code: "rate_limited" });
      await b.deps.counter.flush();
      await a.deps.counter.flush();
      expect((await limits(a)).statusCode).toBe(429);
      // Another client is not affected.
      expect((await limits(b, "192.0.2.45")).statusCode).toBe(200);

      const login = (fyr: FyrInstance) =>
        fyr.http.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          remoteAddress: "192.0.2.60",
          // A new address each time, so the per-e-mail back-off never answers instead.
          payload: { email: `nobody-${randomBytes(4).toString("hex")}@example.se`, password: "wrong password here" },
        });
      expect((await login(a)).statusCode).toBe(401);
      expect((await login(a)).statusCode).toBe(401);
      await a.deps.counter.flush();
      const third = await login(b);
      expect(third.statusCode).toBe(429);
      expect(third.json()).toMatchObject({ code: "rate_limited" });
    } finally {
      await a.http.close();
      await b.http.close();
      await db.drop();
    }
  }, 120_000);

  it("believes X-Forwarded-For only from configured proxies, reading the chain from the right", async () => {
    const app = await createTestApp({ FYR_PUBLIC_RATE_LIMIT: "2", FYR_TRUST_PROXY: "10.0.0.5, 10.1.0.0/16" });
    try {
      await freshMinute();
      const proxy = (xff: string, from = "10.0.0.5") => limits(app.fyr, from, { "x-forwarded-for": xff });
      // Two clients behind the proxy have a bucket each.
      expect((await proxy("198.51.100.1")).statusCode).toBe(200);
      expect((await proxy("198.51.100.1")).statusCode).toBe(200);
      expect((await proxy("198.51.100.1")).statusCode).toBe(429);
      expect((await proxy("198.51.100.2")).statusCode).toBe(200);
      // What the client wrote itself (left of the last untrusted hop) changes nothing.
      expect((await proxy("203.0.113.77, 198.51.100.1")).statusCode).toBe(429);
      // Through two trusted proxies, the first untrusted address from the right is the client.
      expect((await proxy("198.51.100.1, 10.1.2.3")).statusCode).toBe(429);

      // A peer that is not a proxy cannot pick an address by sending the header.
      const direct = (xff: string) => limits(app.fyr, "203.0.113.50", { "x-forwarded-for": xff });
      expect((await direct("198.51.100.9")).statusCode).toBe(200);
      expect((await direct("198.51.100.10")).statusCode).toBe(200);
      expect((await direct("198.51.100.11")).statusCode).toBe(429);
    } finally {
      await app.fyr.http.close();
      await app.database.drop();
    }
  }, 120_000);
});
