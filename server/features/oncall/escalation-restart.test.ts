import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { testDatabaseUrl } from "../../../test/support/template.js";
import { waitFor } from "../../../test/support/wait.js";
import { person, startRecorder, submitReport } from "./test-fixtures.js";

// Escalations through a database restart (issue 18's second proof): two node processes (proof-node.ts:
// the escalation tick and the page job) page 30 overdue reports while every connection to the database
// is cut three times, as a PostgreSQL restart does. Both nodes reconnect; every escalation is paged, its
// step claimed once, every job done, and each report's delivery reaches the receiver under one delivery
// id (a retry after a cut may repeat the POST; X-Fyr-Delivery lets the receiver drop it). PostgreSQL only.

const SCRIPT = fileURLToPath(new URL("./proof-node.ts", import.meta.url));
const REPORTS = 30;
let hook: Awaited<ReturnType<typeof startRecorder>>;
beforeAll(async () => {
  // A slow receiver (300 ms an answer): the paging takes seconds, so the cuts fall in the middle of it.
  hook = await startRecorder(300);
});
afterAll(async () => hook.close());
const app = useTestApp({ FYR_PUBLIC_URL: "https://cert.example" });

function startNode(url: string, id: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", SCRIPT, url, id], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, ONCALL_WEBHOOK_URL: `${hook.url}/hook`, ONCALL_PAUSE: "0" },
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().split("\n").includes("ready")) resolve(child);
    });
  });
}

describe("escalation through a database restart", () => {
  it.skipIf(!testDatabaseUrl())(
    "two nodes reconnect after every connection is cut mid-paging, and no escalation is lost or paged twice",
    async () => {
      const url = app().database.url;
      if (!url) throw new Error("expected a PostgreSQL test database");
      const admin = await person(app(), ["admin"]);
      const duty = await person(app());
      const now = Date.now();
      const inject = (method: "POST" | "PUT", path: string, payload: object) =>
        app().fyr.http.inject({ method, url: path, headers: admin.auth, payload });
      await inject("POST", "/api/v1/oncall/shifts", {
        userId: duty.id,
        startsAt: new Date(now - 3_600_000).toISOString(),
        endsAt: new Date(now + 3_600_000).toISOString(),
      });
      await inject("PUT", "/api/v1/oncall/escalation", {
        steps: [{ afterMinutes: 0, notify: "primary", channels: ["webhook"] }],
        loops: 1,
      });
      const references: string[] = [];
      for (let i = 0; i < REPORTS; i++) references.push(await submitReport(app(), i % 2 === 0, `Larm ${i}`));
      const { db } = app().fyr.deps;
      const children: ChildProcess[] = [];
      try {
        children.push(await startNode(url, "node-a"), await startNode(url, "node-b"));
        // Received two hours ago: overdue now, so the nodes' next ticks start and page them all.
        await db
          .updateTable("reports")
          .set({ received_at: new Date(now - 2 * 3_600_000) })
          .where("reference", "in", references)
          .execute();
        const received = () => new Set(references.filter((r) => hook.received.some((h) => h.body.includes(r))));
        // Cut every connection three times while the pages go out (each cut ends the nodes' sessions too).
        let cuts = 0;
        const pagedAtCut: number[] = [];
        for (let i = 0; i < 3; i++) {
          await waitFor(() => received().size >= Math.min(REPORTS, (i + 1) * 5) || undefined, {
            timeoutMs: 60_000,
            what: `paging progress before cut ${i + 1}`,
          });
          const r = await sql<{ n: number }>`
            select count(*)::int as n from (
              select pg_terminate_backend(pid) from pg_stat_activity
              where datname = current_database() and pid <> pg_backend_pid()
            ) t`.execute(db);
          cuts += r.rows[0]?.n ?? 0;
          pagedAtCut.push(received().size);
        }
        expect(cuts).toBeGreaterThan(0);
        // The cuts came while pages were still going out.
        expect(pagedAtCut[0]).toBeLessThan(REPORTS);
        await waitFor(() => received().size === REPORTS || undefined, {
          timeoutMs: 90_000,
          intervalMs: 200,
          what: "every report paged",
        });
        // Long enough for a duplicate from either node's tick to show.
        await new Promise((resolve) => setTimeout(resolve, 3000));

        const escalations = await sql<{ n: number; pages: number; sent: number }>`
          select count(distinct e.id)::int as n, count(p.id)::int as pages,
                 count(p.id) filter (where p.status = 'sent')::int as sent
          from oncall_escalations e join reports r on r.id = e.subject_key::uuid
          left join oncall_pages p on p.escalation_id = e.id
          where r.reference in (${sql.join(references)})`.execute(db);
        expect(escalations.rows[0]).toEqual({ n: REPORTS, pages: REPORTS, sent: REPORTS });
        const jobs = await sql<{ status: string; n: number }>`
          select status, count(*)::int as n from jobs where name = 'oncall.page' group by status`.execute(db);
        expect(jobs.rows).toEqual([{ status: "done", n: REPORTS }]);
        for (const reference of references) {
          const ids = new Set(
            hook.received.filter((h) => h.body.includes(reference)).map((h) => h.headers["x-fyr-delivery"]),
          );
          expect(ids.size, reference).toBe(1);
        }
        // Both nodes lived through it.
        expect(children.every((c) => c.exitCode === null)).toBe(true);
      } finally {
        for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
      }
    },
    240_000,
  );
});
