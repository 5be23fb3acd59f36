import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/support/db.js";
import { type NodeProcess, startNodeProcess } from "../../../test/support/node-process.js";
import { testDatabaseUrl } from "../../../test/support/template.js";
import { waitFor } from "../../../test/support/wait.js";
import { z } from "zod";
import { enqueue } from "../jobs/enqueue.js";

const SCRIPT = fileURLToPath(new URL("../../../test/support/ha-node-process.ts", import.meta.url));
const JOBS = 300;
const haJob = { name: "test.ha", payload: z.object({ n: z.number() }) };

// What a PostgreSQL restart does to its clients, without restarting the server other engineers' tests
// share: every backend of this test's database is terminated (SQLSTATE 57P01, as on a restart).
async function terminateAll(db: Parameters<typeof enqueue>[0]): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from (
      select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()
    ) t`.execute(db);
  return r.rows[0]?.n ?? 0;
}

describe("a database restart", () => {
  it.skipIf(!testDatabaseUrl())(
    "two nodes reconnect after every connection is cut mid-run, and no job or audit entry is lost (PostgreSQL only: PGlite has one process)",
    async () => {
      const database = await createTestDatabase();
      const { db } = database.handle;
      const url = database.url;
      if (!url) throw new Error("expected PostgreSQL");
      const nodes: NodeProcess[] = [];
      try {
        await sql`create table ha_runs (job_id bigint not null, node text not null)`.execute(db);
        nodes.push(startNodeProcess(SCRIPT, [url, "node-a"]), startNodeProcess(SCRIPT, [url, "node-b"]));
        await Promise.all(nodes.map((n) => n.line(/^ready$/)));
        await db.transaction().execute(async (tx) => {
          for (let n = 0; n < JOBS; n++) await enqueue(tx, haJob, { n });
        });
        const done = async () => {
          const r = await sql<{
            n: number;
          }>`select count(*)::int as n from jobs where name = 'test.ha' and status = 'done'`.execute(db);
          return r.rows[0]?.n ?? 0;
        };
        // Cut every connection three times while the jobs run.
        let cuts = 0;
        for (let i = 0; i < 3; i++) {
          await waitFor(async () => (await done()) >= (i + 1) * 40, { timeoutMs: 60_000, what: "progress" });
          cuts += await terminateAll(db);
        }
        expect(cuts).toBeGreaterThan(0);
        await waitFor(async () => (await done()) === JOBS, {
          timeoutMs: 120_000,
          intervalMs: 200,
          what: "every job done",
        });

        // Nothing lost: every job ran and committed its audit entry with it (a run cut off rolled back whole).
        const ran = await sql<{ job_id: number }>`select distinct job_id from ha_runs`.execute(db);
        expect(ran.rows).toHaveLength(JOBS);
        const audited = await sql<{ n: number }>`
          select count(distinct target_id)::int as n from audit_log where action = 'test.ha_job'`.execute(db);
        expect(audited.rows[0]?.n).toBe(JOBS);
        const runsPerJob = await sql<{ n: number }>`select count(*)::int as n from ha_runs`.execute(db);
        const auditRows = await sql<{
          n: number;
        }>`select count(*)::int as n from audit_log where action = 'test.ha_job'`.execute(db);
        expect(auditRows.rows[0]?.n).toBe(runsPerJob.rows[0]?.n);
        // Both nodes are alive and ticking again, and both did work.
        expect(nodes.every((n) => n.child.exitCode === null)).toBe(true);
        await waitFor(
          async () => {
            const r = await sql<{ n: number }>`
              select count(*)::int as n from nodes where last_tick_at > clock_timestamp() - interval '2 seconds'`.execute(
              db,
            );
            return (r.rows[0]?.n ?? 0) === 2;
          },
          { timeoutMs: 20_000, what: "both nodes ticking" },
        );
        const byNode = await sql<{ node: string }>`select distinct node from ha_runs`.execute(db);
        expect(new Set(byNode.rows.map((r) => r.node))).toEqual(new Set(["node-a", "node-b"]));
      } finally {
        await Promise.all(nodes.map((n) => n.stop()));
        await database.drop();
      }
    },
    240_000,
  );
});
