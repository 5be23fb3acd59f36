import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { EscalationList } from "../../../contract/oncall.js";
import { useTestApp } from "../../../test/support/app.js";
import { person } from "./test-fixtures.js";
import { raiseDeadMansAlarms } from "./triggers.js";

// The dead-man's switch pages the duty officers (issue 18): a peer node the watcher noticed silent,
// and a feed source past its expected delivery, start an escalation of the operations-alarm policy —
// once per silence, once per missed period.

const app = useTestApp();
const db = () => app().fyr.deps.db;

async function source(name: string, createdHoursAgo: number, lastDoneHoursAgo: number | null): Promise<void> {
  const row = await sql<{ id: string }>`
    insert into feed_sources (name, format, expected_every_hours, created_at)
    values (${name}, 'shadowserver', 24, clock_timestamp() - make_interval(hours => ${createdHoursAgo}))
    returning id`.execute(db());
  const id = row.rows[0]?.id ?? "";
  if (lastDoneHoursAgo !== null)
    await sql`insert into feed_runs (source_id, file_name, received_via, status, started_at, finished_at)
      values (${id}, 'scan.csv', 'pull', 'done', clock_timestamp() - make_interval(hours => ${lastDoneHoursAgo}),
              clock_timestamp() - make_interval(hours => ${lastDoneHoursAgo}))`.execute(db());
}

const silence = (node: string, minutesAgo: number) =>
  sql`insert into nodes (id, roles, version, database_kind, last_tick_at, silent_noticed_at)
      values (${node}, '{worker}', '0.1.0', 'postgres', clock_timestamp() - make_interval(mins => ${minutesAgo}), clock_timestamp())
      on conflict (id) do update set last_tick_at = excluded.last_tick_at, silent_noticed_at = excluded.silent_noticed_at`.execute(
    db(),
  );

describe("the dead-man's switch pages", () => {
  it("starts one escalation per silent peer and per missed feed, and again for a new silence", async () => {
    const admin = await person(app(), ["admin"]);
    const saved = await app().fyr.http.inject({
      method: "PUT",
      url: "/api/v1/oncall/escalation",
      headers: admin.auth,
      payload: {
        id: "operations",
        trigger: "operations-alarm",
        steps: [{ afterMinutes: 0, notify: "all-duty", channels: ["email"] }],
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await silence("node-b", 5);
    await source("missed-daily", 72, 30); // its last good run 30 h ago, expected every 24 h
    await source("delivered-daily", 72, 2);
    await source("brand-new", 1, null); // not late yet: younger than its period

    const deps = { db: db(), clock: app().fyr.deps.clock };
    await raiseDeadMansAlarms(deps);
    await raiseDeadMansAlarms(deps); // a second pass of the same silence and the same miss: nothing new
    const list = async () => {
      const res = await app().fyr.http.inject({
        method: "GET",
        url: "/api/v1/oncall/escalations",
        headers: admin.auth,
      });
      return res
        .json<EscalationList>()
        .items.filter((e) => e.trigger === "operations-alarm")
        .map((e) => e.subject)
        .sort();
    };
    expect(await list()).toEqual(["feed missed-daily", "node node-b"]);

    // The node came back, then fell silent again: a new silence pages again.
    await silence("node-b", 2);
    await raiseDeadMansAlarms(deps);
    expect(await list()).toEqual(["feed missed-daily", "node node-b", "node node-b"]);
  }, 60_000);
});
