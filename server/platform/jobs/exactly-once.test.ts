import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestDatabase } from "../../../test/support/db.js";
import { testDatabaseUrl } from "../../../test/support/template.js";
import { waitFor } from "../../../test/support/wait.js";
import { enqueue } from "./enqueue.js";

const SCRIPT = fileURLToPath(new URL("../../../test/support/job-worker-process.ts", import.meta.url));
const recordRun = { name: "test.exactly-once", payload: z.object({}) };
const JOBS = 1000;

/** Starts one worker process and resolves once it is polling. */
function startWorkerProcess(url: string, workerId: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", SCRIPT, url, workerId], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`worker ${workerId} exited early (${code})`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve(child);
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

describe("job queue across processes", () => {
  it.skipIf(!testDatabaseUrl())(
    "runs each of 1,000 jobs exactly once with two worker processes on PostgreSQL",
    async () => {
      const database = await createTestDatabase();
      const { db } = database.handle;
      const url = database.url;
      if (!url) throw new Error("expected a PostgreSQL test database");
      const children: ChildProcess[] = [];
      try {
        await sql`create table job_runs (job_id bigint not null, worker text not null)`.execute(db);
        children.push(...(await Promise.all([startWorkerProcess(url, "proc-a"), startWorkerProcess(url, "proc-b")])));
        for (const child of children) child.removeAllListeners("exit");

        // One transaction, so both workers see all 1,000 at the same moment and race for them.
        await db.transaction().execute(async (tx) => {
          for (let i = 0; i < JOBS; i++) await enqueue(tx, recordRun, {});
        });
        await waitFor(
          async () => {
            const row = await db
              .selectFrom("jobs")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .where("status", "=", "done")
              .executeTakeFirstOrThrow();
            return Number(row.n) === JOBS;
          },
          { timeoutMs: 90_000, intervalMs: 200, what: "1,000 jobs done" },
        );
        await Promise.all(children.map(stopProcess));

        const runs = await sql<{ job_id: number; worker: string }>`select job_id, worker from job_runs`.execute(db);
        const perJob = new Map<number, number>();
        for (const run of runs.rows) perJob.set(Number(run.job_id), (perJob.get(Number(run.job_id)) ?? 0) + 1);
        expect(runs.rows).toHaveLength(JOBS);
        expect(perJob.size).toBe(JOBS);
        expect([...perJob.values()].every((n) => n === 1)).toBe(true);
        const jobIds = await db.selectFrom("jobs").select("id").where("name", "=", recordRun.name).execute();
        expect(new Set(jobIds.map((j) => j.id))).toEqual(new Set(perJob.keys()));
        // Both processes took part, so the race was real.
        const workers = new Set(runs.rows.map((r) => r.worker));
        expect(workers).toEqual(new Set(["proc-a", "proc-b"]));
      } finally {
        await Promise.all(children.map(stopProcess));
        await database.drop();
      }
    },
    120_000,
  );
});
