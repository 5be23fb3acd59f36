import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { EscalationList } from "../../../contract/oncall.js";
import { useTestApp } from "../../../test/support/app.js";
import { type Person, person } from "./test-fixtures.js";
import { raiseCriticalFeedAlarms, raiseDeadMansAlarms } from "./triggers.js";

// Alarms that page the duty officers besides overdue reports (issue 18): the dead-man's switch — a peer
// node the watcher noticed silent, a feed source past its expected delivery — starts an escalation of
// the operations-alarm policy, once per silence and per missed period; compromised systems at an
// essential entity in a feed run start one of the critical-feed policy, once per run and organisation.

const app = useTestApp();
const db = () => app().fyr.deps.db;

async function source(name: string, createdHoursAgo: number, lastDoneHoursAgo: number | null): Promise<string> {
  const row = await sql<{ id: string }>`
    insert into feed_sources (name, format, expected_every_hours, created_at)
    values (${name}, 'shadowserver', 24, clock_timestamp() - make_interval(hours => ${createdHoursAgo}))
    returning id`.execute(db());
  const id = row.rows[0]?.id ?? "";
  if (lastDoneHoursAgo !== null)
    await sql`insert into feed_runs (source_id, file_name, received_via, status, started_at, finished_at)
      values (${id}, 'scan.csv', 'pull', 'done', clock_timestamp() - make_interval(hours => ${lastDoneHoursAgo}),
              clock_timestamp() - make_interval(hours => ${lastDoneHoursAgo}))`.execute(db());
  return id;
}

async function policy(admin: Person, id: string, trigger: string): Promise<void> {
  const saved = await app().fyr.http.inject({
    method: "PUT",
    url: "/api/v1/oncall/escalation",
    headers: admin.auth,
    payload: { id, trigger, steps: [{ afterMinutes: 0, notify: "all-duty", channels: ["email"] }] },
  });
  expect(saved.statusCode, saved.body).toBe(200);
}

async function escalations(admin: Person, trigger: string): Promise<EscalationList["items"]> {
  const res = await app().fyr.http.inject({ method: "GET", url: "/api/v1/oncall/escalations", headers: admin.auth });
  return res.json<EscalationList>().items.filter((e) => e.trigger === trigger);
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
    await policy(admin, "operations", "operations-alarm");
    await silence("node-b", 5);
    await source("missed-daily", 72, 30); // its last good run 30 h ago, expected every 24 h
    await source("delivered-daily", 72, 2);
    await source("brand-new", 1, null); // not late yet: younger than its period

    const deps = { db: db(), clock: app().fyr.deps.clock };
    await raiseDeadMansAlarms(deps);
    await raiseDeadMansAlarms(deps); // a second pass of the same silence and the same miss: nothing new
    const list = async () => (await escalations(admin, "operations-alarm")).map((e) => e.subject).sort();
    expect(await list()).toEqual(["feed missed-daily", "node node-b"]);

    // The node came back, then fell silent again: a new silence pages again.
    await silence("node-b", 2);
    await raiseDeadMansAlarms(deps);
    expect(await list()).toEqual(["feed missed-daily", "node node-b", "node node-b"]);
  }, 60_000);

  it("pages for compromised systems at an essential entity in a feed run, once per run and organisation", async () => {
    const admin = await person(app(), ["admin"]);
    await policy(admin, "critical-feed", "critical-feed");
    const org = async (name: string, entity: string | null) =>
      (
        await sql<{
          id: string;
        }>`insert into organisations (name, nis2_entity) values (${name}, ${entity}) returning id`.execute(db())
      ).rows[0]?.id ?? "";
    const power = await org("Kraftbolaget i Norr AB", "essential");
    const shop = await org("Bokhandeln HB", null);
    const run =
      (
        await sql<{
          id: string;
        }>`select id from feed_runs where source_id = ${await source("sinkhole-daily", 48, 0)}`.execute(db())
      ).rows[0]?.id ?? "";
    const event = (organisation: string, taxonomy: string, type: string) =>
      sql`insert into feed_events (time_source, run_id, source_id, classification_taxonomy, classification_type, organisation_id, fields)
          select clock_timestamp(), ${run}, source_id, ${taxonomy}, ${type}, ${organisation}, '{}'::jsonb from feed_runs where id = ${run}`.execute(
        db(),
      );
    await event(power, "malicious-code", "infected-system");
    await event(power, "intrusions", "system-compromise");
    await event(power, "vulnerable", "vulnerable-system"); // not a compromise
    await event(shop, "malicious-code", "infected-system"); // not an essential entity

    const deps = { db: db(), clock: app().fyr.deps.clock };
    await raiseCriticalFeedAlarms(deps);
    await raiseCriticalFeedAlarms(deps);
    const started = await escalations(admin, "critical-feed");
    expect(started.map((e) => [e.subject, e.title])).toEqual([
      ["Kraftbolaget i Norr AB", "2 compromised systems at Kraftbolaget i Norr AB"],
    ]);
  }, 60_000);
});
