import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/support/db.js";
import { type NodeProcess, startNodeProcess } from "../../test/support/node-process.js";
import { testDatabaseUrl } from "../../test/support/template.js";
import { waitFor } from "../../test/support/wait.js";
import { LeaseLostError, fenced, leaseHolder, tryAcquireLease } from "./lease.js";

const SCRIPT = fileURLToPath(new URL("../../test/support/lease-process.ts", import.meta.url));
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("leases with an epoch", () => {
  it("renews at the same epoch, refuses a second holder while held, and fences writes", async () => {
    const database = await createTestDatabase();
    const { db } = database.handle;
    try {
      const a = await tryAcquireLease(db, "unit.lease", "node-a", 60_000);
      expect(a).toMatchObject({ holder: "node-a", epoch: 1 });
      expect(await tryAcquireLease(db, "unit.lease", "node-b", 60_000)).toBeNull();
      expect(await tryAcquireLease(db, "unit.lease", "node-a", 60_000)).toMatchObject({ epoch: 1 });
      if (!a) throw new Error("no lease");
      expect(await fenced(db, a, 60_000, async () => "done")).toBe("done");
      // Expired: another node takes it at the next epoch, and the first one's writes are refused.
      await sql`update leases set expires_at = now() - interval '1 second' where name = 'unit.lease'`.execute(db);
      expect(await tryAcquireLease(db, "unit.lease", "node-b", 60_000)).toMatchObject({ holder: "node-b", epoch: 2 });
      await expect(fenced(db, a, 60_000, async () => "late")).rejects.toBeInstanceOf(LeaseLostError);
      expect(await leaseHolder(db, "unit.lease")).toMatchObject({ holder: "node-b", epoch: 2 });
    } finally {
      await database.drop();
    }
  });

  it.skipIf(!testDatabaseUrl())(
    "a leader paused past its lease (SIGSTOP) cannot write after another node took over (PostgreSQL, two processes)",
    async () => {
      const database = await createTestDatabase();
      const { db } = database.handle;
      const url = database.url;
      if (!url) throw new Error("expected a PostgreSQL test database");
      const processes: NodeProcess[] = [];
      try {
        await sql`create table lease_writes (holder text not null, epoch bigint not null, at timestamptz default clock_timestamp())`.execute(
          db,
        );
        // B is started (and loaded) first, to run the leased loop on "go": a process start takes seconds under load.
        const newLeader = startNodeProcess(SCRIPT, [url, "new", "loop", "on-go"]);
        processes.push(newLeader);
        await newLeader.line(/^ready$/, 60_000);
        // A takes the lease, then is paused before it writes.
        const oldLeader = startNodeProcess(SCRIPT, [url, "old", "manual"]);
        processes.push(oldLeader);
        const acquired = await oldLeader.line(/^acquired \d+$/);
        const oldEpoch = Number(acquired.split(" ")[1]);
        oldLeader.child.kill("SIGSTOP");
        // B runs the leased loop: it takes over once A's lease has expired.
        newLeader.send("go");
        await waitFor(async () => (await leaseHolder(db, "test.fence"))?.holder === "new", {
          timeoutMs: 20_000,
          what: "the new leader",
        });
        const taken = await leaseHolder(db, "test.fence");
        expect(taken?.epoch).toBe(oldEpoch + 1);
        await waitFor(async () => {
          const r = await sql<{ n: number }>`select count(*)::int as n from lease_writes where holder = 'new'`.execute(
            db,
          );
          return (r.rows[0]?.n ?? 0) > 0;
        });
        // A wakes up and tries the write it was about to make: refused, nothing written.
        oldLeader.child.kill("SIGCONT");
        oldLeader.send("write");
        expect(await oldLeader.line(/^(written|refused)/)).toBe("refused");
        const rows = await sql<{ holder: string; epoch: number }>`select holder, epoch from lease_writes`.execute(db);
        expect(rows.rows.filter((r) => r.holder === "old")).toEqual([]);
        expect(new Set(rows.rows.map((r) => Number(r.epoch)))).toEqual(new Set([oldEpoch + 1]));
      } finally {
        await Promise.all(processes.map((p) => p.stop()));
        await database.drop();
      }
    },
    120_000,
  );

  it.skipIf(!testDatabaseUrl())(
    "a leader paused inside its fenced transaction is cut off: its write rolls back and the other node takes over",
    async () => {
      const database = await createTestDatabase();
      const { db } = database.handle;
      const url = database.url;
      if (!url) throw new Error("expected a PostgreSQL test database");
      const processes: NodeProcess[] = [];
      try {
        await sql`create table lease_writes (holder text not null, epoch bigint not null, at timestamptz default clock_timestamp())`.execute(
          db,
        );
        const newLeader = startNodeProcess(SCRIPT, [url, "new", "loop", "on-go"]);
        processes.push(newLeader);
        await newLeader.line(/^ready$/, 60_000);
        const oldLeader = startNodeProcess(SCRIPT, [url, "old", "manual"]);
        processes.push(oldLeader);
        await oldLeader.line(/^acquired/);
        oldLeader.send("hold");
        await oldLeader.line(/^inside$/);
        oldLeader.child.kill("SIGSTOP");
        newLeader.send("go");
        await waitFor(async () => (await leaseHolder(db, "test.fence"))?.holder === "new", {
          timeoutMs: 20_000,
          what: "the new leader",
        });
        await pause(300);
        oldLeader.child.kill("SIGCONT");
        oldLeader.send("commit");
        expect(await oldLeader.line(/^(written|refused)/)).toMatch(/^refused/);
        const rows = await sql<{ holder: string }>`select holder from lease_writes`.execute(db);
        expect(rows.rows.some((r) => r.holder === "new")).toBe(true);
        expect(rows.rows.filter((r) => r.holder === "old")).toEqual([]);
      } finally {
        await Promise.all(processes.map((p) => p.stop()));
        await database.drop();
      }
    },
    120_000,
  );
});
