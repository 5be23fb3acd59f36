import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { useTestApp } from "../../../test/support/app.js";
import { JobsQuery } from "../../../contract/operations.js";
import type { Actor } from "../../platform/auth/actor.js";
import { createWorker, defineJob, enqueue } from "../../platform/jobs/index.js";
import { createLogger } from "../../platform/log.js";
import { createMetrics } from "../../platform/metrics.js";
import { browseAudit } from "./audit-browse.js";
import { AuditQuery } from "../../../contract/operations.js";
import { listJobs, retryJob } from "./jobs-admin.js";

const admin: Actor = {
  kind: "user",
  userId: randomUUID(),
  email: "admin@cert.example",
  name: "Admin",
  userKind: "staff",
  organisationId: null,
  roles: ["admin"],
  via: "session",
  tokenId: null,
};

describe("failed jobs (service)", () => {
  const app = useTestApp();
  const ctx = () => ({ db: app().fyr.deps.db, clock: app().clock, actor: admin });

  it("shows a job that ran out of attempts with its error; retry requeues it and it then runs", async () => {
    const { db, clock } = ctx();
    let healthy = false;
    const flaky = defineJob({
      name: `test.flaky-${randomUUID().slice(0, 8)}`,
      payload: z.object({}),
      maxAttempts: 2,
      async handler() {
        if (!healthy) throw new Error("relay said 451 try later");
      },
    });
    const worker = createWorker({
      db,
      clock,
      logger: createLogger("silent"),
      metrics: createMetrics(),
      jobs: [flaky],
      concurrency: 1,
      workerId: "ops-test",
      retryDelay: () => 0,
    });
    const id = await enqueue(db, flaky, {});
    await worker.drain();

    const failed = await listJobs(ctx(), JobsQuery.parse({ status: "failed" }));
    expect(failed.items.find((j) => j.id === id)).toMatchObject({
      name: flaky.name,
      status: "failed",
      attempts: 2,
      maxAttempts: 2,
      lastError: "Error: relay said 451 try later",
    });

    await retryJob(ctx(), id);
    const queued = await listJobs(ctx(), JobsQuery.parse({ status: "queued" }));
    expect(queued.items.find((j) => j.id === id)).toMatchObject({ status: "queued", attempts: 0 });
    const audit = await browseAudit(ctx(), AuditQuery.parse({ action: "job.retried", targetId: String(id) }));
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ actor: "admin@cert.example", targetType: "job" });

    healthy = true;
    await worker.drain();
    const done = await listJobs(ctx(), JobsQuery.parse({ status: "done" }));
    expect(done.items.find((j) => j.id === id)).toMatchObject({ status: "done", attempts: 1 });
  });

  it("refuses to retry a job that has not failed, or does not exist", async () => {
    const { db } = ctx();
    const id = await enqueue(db, { name: "test.idle", payload: z.object({}) }, {}, { runAt: new Date("2100-01-01") });
    await expect(retryJob(ctx(), id)).rejects.toMatchObject({ code: "job_not_failed", kind: "conflict" });
    await expect(retryJob(ctx(), 987_654_321)).rejects.toMatchObject({ code: "job_not_found", kind: "not_found" });
  });

  it("pages through jobs newest first", async () => {
    const { db } = ctx();
    const spec = { name: `test.page-${randomUUID().slice(0, 8)}`, payload: z.object({}) };
    const later = new Date("2100-01-01");
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await enqueue(db, spec, {}, { runAt: later }));
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await listJobs(ctx(), JobsQuery.parse({ limit: 2, ...(cursor ? { cursor } : {}) }));
      seen.push(...page.items.map((j) => j.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.filter((id) => ids.includes(id))).toEqual([...ids].reverse());
    expect(new Set(seen).size).toBe(seen.length);
  });
});
