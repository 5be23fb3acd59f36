import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type TestDatabase, createTestDatabase } from "../../../test/support/db.js";
import { waitFor } from "../../../test/support/wait.js";
import { systemClock } from "../clock.js";
import type { Db } from "../db/connect.js";
import { createLogger } from "../log.js";
import { createMetrics } from "../metrics.js";
import { BUSY_IN_FLIGHT } from "../http/request-load.js";
import { createWorker, defineJob, enqueue } from "./index.js";

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.handle.db;
});
afterAll(async () => {
  await database.drop();
});

/** Runs `jobs` slow jobs with the given event-loop lag and answers how many ran at once, at most. */
async function mostAtOnce(lag: number, jobs: number, requests = 0): Promise<number> {
  let inFlight = 0;
  let most = 0;
  let done = 0;
  const slow = defineJob({
    name: `test.yield-${lag}-${requests}-${process.pid}`,
    payload: z.object({ n: z.number() }),
    async handler() {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 150));
      inFlight--;
      done++;
    },
  });
  for (let n = 0; n < jobs; n++) await enqueue(db, slow, { n });
  const worker = createWorker({
    db,
    clock: systemClock,
    logger: createLogger("silent"),
    metrics: createMetrics(),
    jobs: [slow],
    concurrency: 4,
    workerId: `yield-${lag}-${requests}`,
    idleMs: 20,
    lagMs: () => lag,
    requestsBusy: () => requests >= BUSY_IN_FLIGHT,
  });
  worker.start();
  try {
    await waitFor(() => done === jobs, { timeoutMs: 20_000, what: "every job done" });
  } finally {
    await worker.stop(1000);
  }
  return most;
}

describe("worker under load", () => {
  it("runs jobs side by side while the event loop keeps up", async () => {
    expect(await mostAtOnce(0, 4)).toBeGreaterThan(1);
  });

  it("runs one job at a time, and still runs them all, while requests make the event loop late", async () => {
    expect(await mostAtOnce(200, 4)).toBe(1);
  });

  it("runs one job at a time while many requests are in flight, before the event loop runs late", async () => {
    expect(await mostAtOnce(0, 4, 20)).toBe(1);
    expect(await mostAtOnce(0, 4, 2)).toBeGreaterThan(1);
  });
});
