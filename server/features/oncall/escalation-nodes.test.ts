import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { testDatabaseUrl } from "../../../test/support/template.js";
import { waitFor } from "../../../test/support/wait.js";
import { person, startRecorder, submitReport } from "./test-fixtures.js";

// The proof of "never twice, never lost" (issue 18): two node processes on one PostgreSQL, each running
// the escalation tick and the job worker. Node A claims the step's page and is killed with SIGKILL in the
// middle of it (after the claim, before sending); node B must send the notification exactly once within a
// minute — counted at a local webhook receiver. Skipped on PGlite: an embedded database is one process's.

const SCRIPT = fileURLToPath(new URL("./proof-node.ts", import.meta.url));
let hook: Awaited<ReturnType<typeof startRecorder>>;
beforeAll(async () => {
  hook = await startRecorder();
});
afterAll(async () => hook.close());
const app = useTestApp({ FYR_PUBLIC_URL: "https://cert.example" });

function startNode(url: string, id: string, pause: boolean, onLine: (line: string) => void): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", SCRIPT, url, id], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, ONCALL_WEBHOOK_URL: `${hook.url}/hook`, ONCALL_PAUSE: pause ? "1" : "0" },
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`node ${id} exited early (${code})`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) {
        if (line === "ready") resolve(child);
        if (line) onLine(line);
      }
    });
  });
}

describe("escalation across nodes", () => {
  it.skipIf(!testDatabaseUrl())(
    "sends a step's notification exactly once when the node sending it is killed with SIGKILL (PostgreSQL only)",
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
      const reference = await submitReport(app(), true);
      const { db } = app().fyr.deps;

      const children: ChildProcess[] = [];
      let pausedPage = "";
      try {
        const a = await startNode(url, "node-a", true, (line) => {
          if (line.startsWith("paused ")) pausedPage = line.slice(7);
        });
        children.push(a);
        a.removeAllListeners("exit");
        // Received two hours ago: overdue now, so node A's next tick starts the escalation and pages.
        await db
          .updateTable("reports")
          .set({ received_at: new Date(now - 2 * 3_600_000) })
          .where("reference", "=", reference)
          .execute();
        await waitFor(() => pausedPage !== "", { timeoutMs: 30_000, what: "node A inside the page" });
        const running = await db
          .selectFrom("jobs")
          .select(["status", "locked_by"])
          .where("name", "=", "oncall.page")
          .where(sql<boolean>`payload ->> 'pageId' = ${pausedPage}`)
          .executeTakeFirstOrThrow();
        expect(running).toEqual({ status: "running", locked_by: "node-a" });

        const b = await startNode(url, "node-b", false, () => undefined);
        children.push(b);
        b.removeAllListeners("exit");
        const killedAt = Date.now();
        a.kill("SIGKILL");

        await waitFor(() => hook.received.some((r) => r.body.includes(reference)), {
          timeoutMs: 60_000,
          intervalMs: 100,
          what: "the page from node B",
        });
        expect(Date.now() - killedAt).toBeLessThan(60_000);
        // Long enough for a duplicate from either node's tick or a second run of the job to show.
        await new Promise((resolve) => setTimeout(resolve, 3000));
        expect(hook.received.filter((r) => r.body.includes(reference))).toHaveLength(1);
        const pages = await db
          .selectFrom("oncall_pages")
          .select(["id", "status"])
          .where("id", "=", pausedPage)
          .execute();
        expect(pages).toEqual([{ id: pausedPage, status: "sent" }]);
        const job = await db
          .selectFrom("jobs")
          .select(["status", "locked_by", "attempts"])
          .where(sql<boolean>`payload ->> 'pageId' = ${pausedPage}`)
          .execute();
        expect(job).toHaveLength(1);
        expect(job[0]).toMatchObject({ status: "done", attempts: 2 });
      } finally {
        for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
      }
    },
    120_000,
  );
});
