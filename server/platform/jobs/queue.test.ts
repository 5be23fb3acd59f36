import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { type TestDatabase, createTestDatabase } from "../../../test/support/db.js";
import { waitFor } from "../../../test/support/wait.js";
import { fixedClock, systemClock } from "../clock.js";
import type { Db } from "../db/connect.js";
import { createLogger } from "../log.js";
import { createMetrics } from "../metrics.js";
import { JOB_PRIORITY, type JobDefinition, createWorker, defineJob, enqueue, readQueueDepth } from "./index.js";
import { findJob } from "./store.js";

const logger = createLogger("silent");
let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.handle.db;
});
afterAll(async () => {
  await database.drop();
});
// Workers claim any due job, so each test starts from a queue without the previous tests' leftovers.
beforeEach(async () => {
  await db.deleteFrom("jobs").where("status", "in", ["queued", "running"]).execute();
});

let seq = 0;
/** A job type of its own per test, so tests never pick up each other's jobs. */
function testJob(handler: JobDefinition<{ n: number }>["handler"], maxAttempts?: number) {
  seq++;
  return defineJob({
    name: `test.job-${seq}-${process.pid}`,
    payload: z.object({ n: z.number() }),
    maxAttempts,
    handler,
  });
}
const job = async (id: number) => {
  const row = await findJob(db, id);
  if (!row) throw new Error(`job ${id} vanished`);
  return row;
};

describe("enqueue", () => {
  it("creates no job when the caller's transaction rolls back", async () => {
    const t = testJob(async () => undefined);
    let id = 0;
    await expect(
      db.transaction().execute(async (tx) => {
        id = await enqueue(tx, t, { n: 1 });
        throw new Error("the write failed");
      }),
    ).rejects.toThrow("the write failed");
    expect(id).toBeGreaterThan(0);
    expect(await findJob(db, id)).toBeUndefined();
  });

  it("creates the job when the transaction commits", async () => {
    const t = testJob(async () => undefined);
    const id = await db.transaction().execute((tx) => enqueue(tx, t, { n: 1 }));
    expect(await job(id)).toMatchObject({ name: t.name, status: "queued", attempts: 0, payload: { n: 1 } });
  });

  it("refuses a payload that does not match the job's schema", async () => {
    const t = testJob(async () => undefined);
    await expect(enqueue(db, t, { n: "one" } as unknown as { n: number })).rejects.toThrow(/does not match/);
  });
});

describe("worker", () => {
  it("retries with exponential back-off and then succeeds", async () => {
    const clock = fixedClock(new Date("2030-01-01T00:00:00Z"));
    let calls = 0;
    const t = testJob(async () => {
      calls++;
      if (calls < 3) throw new Error(`SMTP down (${calls})`);
    });
    const worker = createWorker({
      db,
      clock,
      logger,
      metrics: createMetrics(),
      jobs: [t],
      concurrency: 1,
      workerId: "w-backoff",
    });
    const id = await enqueue(db, t, { n: 1 }, { runAt: clock.now() });

    expect(await worker.drain()).toBe(1);
    const first = await job(id);
    expect(first).toMatchObject({ status: "queued", attempts: 1, last_error: "Error: SMTP down (1)" });
    const delay1 = first.run_at.getTime() - clock.now().getTime();
    expect(delay1).toBeGreaterThanOrEqual(2_500);
    expect(delay1).toBeLessThanOrEqual(5_000);
    expect(await worker.drain()).toBe(0); // not due yet

    clock.advance(delay1);
    expect(await worker.drain()).toBe(1);
    const second = await job(id);
    expect(second).toMatchObject({ status: "queued", attempts: 2, last_error: "Error: SMTP down (2)" });
    const delay2 = second.run_at.getTime() - clock.now().getTime();
    expect(delay2).toBeGreaterThanOrEqual(5_000);
    expect(delay2).toBeLessThanOrEqual(10_000);

    clock.advance(delay2);
    expect(await worker.drain()).toBe(1);
    expect(await job(id)).toMatchObject({ status: "done", attempts: 3, locked_by: null });
    expect(calls).toBe(3);
  });

  it("marks a job failed after its last attempt, keeping the error and counting failures", async () => {
    const clock = fixedClock(new Date("2030-01-01T00:00:00Z"));
    const metrics = createMetrics();
    const t = testJob(async () => {
      throw new Error("mailbox unavailable");
    }, 2);
    const worker = createWorker({
      db,
      clock,
      logger,
      metrics,
      jobs: [t],
      concurrency: 1,
      workerId: "w-fail",
      retryDelay: () => 0,
    });
    const id = await enqueue(db, t, { n: 1 }, { runAt: clock.now() });
    expect(await worker.drain()).toBe(2);
    expect(await job(id)).toMatchObject({ status: "failed", attempts: 2, last_error: "Error: mailbox unavailable" });
    const failures = await metrics.jobFailures.get();
    expect(failures.values.find((v) => v.labels.name === t.name)?.value).toBe(2);
  });

  it("fails a job whose name no handler knows, or whose payload is malformed, without retrying", async () => {
    const clock = fixedClock(new Date("2030-01-02T00:00:00Z"));
    const unknown = await enqueue(db, { name: "no.such-job", payload: z.object({}) }, {}, { runAt: clock.now() });
    const t = testJob(async () => undefined);
    const known = createWorker({
      db,
      clock,
      logger,
      metrics: createMetrics(),
      jobs: [t],
      concurrency: 1,
      workerId: "w-bad",
    });
    const bad = Number(
      (
        await sql<{
          id: number;
        }>`insert into jobs (name, payload, run_at) values (${t.name}, '{"n":"x"}', ${clock.now()}) returning id`.execute(
          db,
        )
      ).rows[0]?.id,
    );
    expect(await known.drain()).toBe(2);
    expect(await job(unknown)).toMatchObject({ status: "failed", attempts: 1 });
    expect((await job(unknown)).last_error).toMatch(/unknown job "no.such-job"/);
    expect(await job(bad)).toMatchObject({ status: "failed", attempts: 1 });
    expect((await job(bad)).last_error).toMatch(/payload does not match/);
  });

  it("runs several handlers at once and each job once (one PGlite connection or a pool)", async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    const t = testJob(async ({ n }) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 15));
      seen.push(n);
      running--;
    });
    const ids = await db.transaction().execute(async (tx) => {
      const out: number[] = [];
      for (let n = 0; n < 30; n++) out.push(await enqueue(tx, t, { n }));
      return out;
    });
    const worker = createWorker({
      db,
      clock: systemClock,
      logger,
      metrics: createMetrics(),
      jobs: [t],
      concurrency: 4,
      workerId: "w-conc",
      idleMs: 20,
    });
    worker.start();
    try {
      await waitFor(
        async () => {
          const rows = await db.selectFrom("jobs").select("status").where("id", "in", ids).execute();
          return rows.every((r) => r.status === "done");
        },
        { what: "all 30 jobs done" },
      );
    } finally {
      await worker.stop(1000);
    }
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(30).keys()]);
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(4);
  });

  it("runs an urgent job (a receipt) before older bulk jobs queued ahead of it", async () => {
    const clock = fixedClock(new Date("2030-01-01T00:00:00Z"));
    const order: string[] = [];
    const bulk = testJob(async ({ n }) => void order.push(`bulk-${n}`));
    const urgent = { ...testJob(async ({ n }) => void order.push(`urgent-${n}`)), priority: JOB_PRIORITY.interactive };
    for (let n = 0; n < 3; n++) await enqueue(db, bulk, { n }, { runAt: clock.now() });
    await enqueue(db, urgent, { n: 0 }, { runAt: clock.now() });
    const worker = createWorker({
      db,
      clock,
      logger,
      metrics: createMetrics(),
      jobs: [bulk, urgent],
      concurrency: 1,
      workerId: "w-priority",
    });
    expect(await worker.drain()).toBe(4);
    expect(order).toEqual(["urgent-0", "bulk-0", "bulk-1", "bulk-2"]);
  });

  it("on graceful stop lets a quick handler finish and returns a slow one to the queue", async () => {
    let releaseSlow: () => void = () => undefined;
    const slow = testJob(() => new Promise<void>((resolve) => (releaseSlow = resolve)));
    const quick = testJob(() => new Promise<void>((resolve) => setTimeout(resolve, 100)));
    const slowId = await enqueue(db, slow, { n: 1 });
    const quickId = await enqueue(db, quick, { n: 2 });
    const worker = createWorker({
      db,
      clock: systemClock,
      logger,
      metrics: createMetrics(),
      jobs: [slow, quick],
      concurrency: 2,
      workerId: "w-stop",
      idleMs: 20,
    });
    worker.start();
    await waitFor(async () => (await job(slowId)).status === "running" && (await job(quickId)).status === "running", {
      what: "both jobs running",
    });
    await worker.stop(500);
    expect(await job(quickId)).toMatchObject({ status: "done" });
    expect(await job(slowId)).toMatchObject({ status: "queued", attempts: 0, locked_by: null });
    releaseSlow();
    // The abandoned handler finishing late must not mark the requeued job done.
    await new Promise((r) => setTimeout(r, 50));
    expect(await job(slowId)).toMatchObject({ status: "queued" });
  });

  it("requeues a job whose worker vanished (lease expired) and runs it", async () => {
    const ran: number[] = [];
    const t = testJob(async ({ n }) => {
      ran.push(n);
    });
    const id = await enqueue(db, t, { n: 7 });
    const longAgo = new Date(Date.now() - 10 * 60_000);
    await db
      .updateTable("jobs")
      .set({ status: "running", attempts: 1, locked_by: "dead-worker", locked_at: longAgo })
      .where("id", "=", id)
      .execute();
    const worker = createWorker({
      db,
      clock: systemClock,
      logger,
      metrics: createMetrics(),
      jobs: [t],
      concurrency: 1,
      workerId: "w-reaper",
      idleMs: 20,
    });
    worker.start();
    try {
      await waitFor(async () => (await job(id)).status === "done", { what: "orphaned job done" });
    } finally {
      await worker.stop(1000);
    }
    expect(ran).toEqual([7]);
    expect(await job(id)).toMatchObject({ attempts: 2 });
  });

  it("fails an orphaned job that has no attempts left instead of looping", async () => {
    const t = testJob(async () => undefined, 1);
    const id = await enqueue(db, t, { n: 1 });
    const longAgo = new Date(Date.now() - 10 * 60_000);
    await db
      .updateTable("jobs")
      .set({ status: "running", attempts: 1, locked_by: "dead-worker", locked_at: longAgo })
      .where("id", "=", id)
      .execute();
    const worker = createWorker({
      db,
      clock: systemClock,
      logger,
      metrics: createMetrics(),
      jobs: [t],
      concurrency: 1,
      workerId: "w-reaper2",
      idleMs: 20,
    });
    worker.start();
    try {
      await waitFor(async () => (await job(id)).status === "failed", { what: "orphaned job failed" });
    } finally {
      await worker.stop(1000);
    }
    expect((await job(id)).last_error).toMatch(/dead-worker stopped answering/);
  });

  it("prunes done jobs older than a week and keeps newer ones", async () => {
    const t = testJob(async () => undefined);
    const old = await enqueue(db, t, { n: 1 });
    const recent = await enqueue(db, t, { n: 2 });
    const day = 24 * 60 * 60_000;
    await db
      .updateTable("jobs")
      .set({ status: "done", finished_at: new Date(Date.now() - 8 * day) })
      .where("id", "=", old)
      .execute();
    await db
      .updateTable("jobs")
      .set({ status: "done", finished_at: new Date(Date.now() - day) })
      .where("id", "=", recent)
      .execute();
    const worker = createWorker({
      db,
      clock: systemClock,
      logger,
      metrics: createMetrics(),
      jobs: [t],
      concurrency: 1,
      workerId: "w-prune",
      idleMs: 20,
    });
    worker.start();
    try {
      await waitFor(async () => (await findJob(db, old)) === undefined, { what: "old job pruned" });
    } finally {
      await worker.stop(1000);
    }
    expect(await findJob(db, recent)).toBeDefined();
  });

  it("reports queue depth by status", async () => {
    const before = await readQueueDepth(db);
    const t = testJob(async () => undefined);
    await enqueue(db, t, { n: 1 });
    await enqueue(db, t, { n: 2 });
    const after = await readQueueDepth(db);
    expect(after.queued - before.queued).toBe(2);
    expect(Object.keys(after).sort()).toEqual(["done", "failed", "queued", "running"]);
  });
});
