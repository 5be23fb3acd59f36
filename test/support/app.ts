import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { buildFyr, type FyrInstance } from "../../server/app.js";
import { type Clock, systemClock } from "../../server/platform/clock.js";
import { loadConfig } from "../../server/platform/config.js";
import { createLogger } from "../../server/platform/log.js";
import { type TestDatabase, createTestDatabase } from "./db.js";

export interface TestApp {
  fyr: FyrInstance;
  database: TestDatabase;
  clock: Clock;
}

/** Builds Fyr on a fresh test database (pass a fixedClock for deadline tests); no socket, use inject. */
export async function createTestApp(env: Record<string, string> = {}, clock: Clock = systemClock): Promise<TestApp> {
  const database = await createTestDatabase();
  // A key of its own, so no test writes a key file into ./data.
  const secretKey = randomBytes(32).toString("base64");
  const config = loadConfig({
    FYR_LOG_LEVEL: "silent",
    FYR_PUBLIC_RATE_LIMIT: "0",
    FYR_SECRET_KEY: secretKey,
    ...env,
  });
  const fyr = await buildFyr({
    config,
    logger: createLogger(config.logLevel),
    database: database.handle,
    clock,
    serveWeb: false,
  });
  await fyr.http.ready();
  return { fyr, database, clock };
}

/** One app per test file: built before the tests, torn down after. Tests make their own data. */
export function useTestApp(env: Record<string, string> = {}, clock?: Clock): () => TestApp {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await createTestApp(env, clock);
  });
  afterAll(async () => {
    if (!app) return;
    await app.fyr.http.close();
    await app.fyr.stopBackground(0);
    await app.database.drop();
  });
  return () => {
    if (!app) throw new Error("test app not ready");
    return app;
  };
}
