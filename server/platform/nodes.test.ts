import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { type TestDatabase, createTestDatabase } from "../../test/support/db.js";
import { waitFor } from "../../test/support/wait.js";
import { systemClock } from "./clock.js";
import { createLogger } from "./log.js";
import { listNodes, nodeAlarms, startNodeLoops, tickNode } from "./nodes.js";
import type { Periodic } from "./periodic.js";

const logger = createLogger("silent");
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function database(): Promise<TestDatabase> {
  const d = await createTestDatabase();
  cleanups.push(() => d.drop());
  return d;
}

/** A local stand-in for an outside monitor (healthchecks.io and the like): counts the pings. */
async function monitor(): Promise<{ url: string; pings: () => number }> {
  let pings = 0;
  const server: Server = createServer((_req, res) => {
    pings++;
    res.end("OK");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  cleanups.push(() => new Promise((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ping/fyr`, pings: () => pings };
}

function loops(db: TestDatabase["handle"]["db"], id: string, roles: string[], heartbeatUrl?: string): Periodic {
  const l = startNodeLoops({
    db,
    clock: systemClock,
    logger,
    node: { id, roles, version: "test", databaseKind: "test" },
    silentAfterMs: 1000,
    heartbeatUrl,
    tickMs: 100,
  });
  cleanups.push(() => l.stop());
  return l;
}

describe("node heartbeats (the dead-man's switch)", () => {
  it("ticks, pings the outside monitor while healthy, and stops pinging when a peer goes silent, which is audited once", async () => {
    const { handle } = await database();
    const { db } = handle;
    const outside = await monitor();
    loops(db, "node-a", ["public", "staff", "worker"], outside.url);
    await waitFor(() => outside.pings() > 0, { what: "a ping", timeoutMs: 60_000 });
    expect((await listNodes(db, 1000)).map((n) => n.id)).toContain("node-a");

    // A peer that ticked once, then went quiet without saying it stopped (killed, cut off).
    await tickNode(db, { id: "node-b", roles: ["worker"], version: "test", databaseKind: "test" });
    await sql`update nodes set last_tick_at = clock_timestamp() - interval '5 minutes' where id = 'node-b'`.execute(db);
    const audit = () =>
      db.selectFrom("audit_log").select(["action", "target_id"]).where("action", "=", "nodes.silent").execute();
    await waitFor(async () => (await audit()).length > 0, { what: "the silent-peer alarm", timeoutMs: 60_000 });
    expect(await nodeAlarms(db, 1000)).toEqual({ silentNodes: ["node-b"], workerRunning: true });
    const pingsAtAlarm = outside.pings();
    await new Promise((r) => setTimeout(r, 600));
    // Noticed once per silence, and the outside monitor hears nothing more (at most one ping in flight).
    expect(await audit()).toEqual([{ action: "nodes.silent", target_id: "node-b" }]);
    expect(outside.pings()).toBeLessThanOrEqual(pingsAtAlarm + 1);

    // It comes back: the alarm is over.
    await tickNode(db, { id: "node-b", roles: ["worker"], version: "test", databaseKind: "test" });
    expect((await nodeAlarms(db, 1000)).silentNodes).toEqual([]);
  }, 120_000);

  it("raises the stopped-worker alarm when no worker node ticks, and a clean stop is not a silence", async () => {
    const { handle } = await database();
    const { db } = handle;
    const worker = loops(db, "worker-1", ["worker"]);
    loops(db, "staff-1", ["staff"]);
    await waitFor(async () => (await nodeAlarms(db, 1000)).workerRunning, {
      what: "a ticking worker",
      timeoutMs: 60_000,
    });
    await worker.stop();
    expect(await nodeAlarms(db, 1000)).toEqual({ silentNodes: [], workerRunning: false });
    const stopped = (await listNodes(db, 1000)).find((n) => n.id === "worker-1");
    expect(stopped?.stoppedAt).not.toBeNull();
    await new Promise((r) => setTimeout(r, 1300));
    // Stopped cleanly: no silent-node alarm, still no worker.
    expect(await nodeAlarms(db, 1000)).toEqual({ silentNodes: [], workerRunning: false });
  }, 120_000);
});
