import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FeedRun } from "../../../contract/feeds.js";
import type { NotificationPage } from "../../../contract/notifications.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { type SmtpPeer, startSmtpPeer } from "../../../test/support/smtp-peer.js";
import { fixedClock } from "../../platform/clock.js";
import { notificationsClient, uniquePrefix } from "./notifications.test-fixtures.js";

// A feed that suddenly doubles in size raises an alarm rather than flooding owners (issue 15): the run is
// held from the notifier until staff release it (owners told) or discard it (not told).

let peer: SmtpPeer;
const env: Record<string, string> = {};
beforeAll(async () => {
  peer = await startSmtpPeer();
  env.FYR_SMTP_URL = peer.url;
});
afterAll(() => peer.close());
const app = useTestApp(env, fixedClock(new Date("2026-12-02T09:00:00Z")));
const { call, organisationWith, importEvents } = notificationsClient(app);

let admin = "";
let duty = "";
let observer = "";
beforeAll(async () => {
  admin = (await createTokenFor(app(), { roles: ["admin"] })).token;
  duty = (await createTokenFor(app(), { roles: ["duty"] })).token;
  observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
});

describe("a surge in a feed", () => {
  it("is held from the owners until staff release it; a discarded one never reaches them", async () => {
    const prefix = uniquePrefix();
    const org = await organisationWith(admin, prefix, {
      contacts: [{ email: `abuse-${Date.now()}@surge.example`, role: "abuse" }],
    });
    const source = `surge-${Date.now()}`;
    // Compromised websites are told at once, so every pass sends what is not held.
    const report = "compromised_website";
    const told = async () => {
      expect((await call(admin, "POST", "/api/v1/notifications/run")).statusCode).toBe(200);
      const page = (
        await call(observer, "GET", `/api/v1/notifications?organisation=${org.id}`)
      ).json<NotificationPage>();
      return page.items.reduce((n, d) => n + d.events, 0);
    };
    const runOf = async (id: string) => (await call(observer, "GET", `/api/v1/feeds/runs/${id}`)).json<FeedRun>();

    for (const host of [1, 2, 3]) {
      const usual = await importEvents(report, [`${prefix}.${host}`], undefined, source);
      expect((await runOf(usual.id)).notifyHold).toBeNull();
    }
    expect(await told()).toBe(3);

    const surge = await importEvents(
      report,
      [10, 11, 12].map((h) => `${prefix}.${h}`),
      undefined,
      source,
    );
    expect(await runOf(surge.id)).toMatchObject({ events: 3, matched: 3, notifyHold: "surge" });
    const sources = (await call(observer, "GET", "/api/v1/feeds/sources")).json<{
      items: { name: string; health: { alarms: string[] } }[];
    }>();
    expect(sources.items.find((s) => s.name === source)?.health.alarms).toContain("surge");
    expect(await told()).toBe(3);

    expect((await call(observer, "POST", `/api/v1/feeds/runs/${surge.id}/release`)).statusCode).toBe(403);
    const released = await call(duty, "POST", `/api/v1/feeds/runs/${surge.id}/release`);
    expect(released.statusCode).toBe(200);
    expect(released.json<FeedRun>().notifyHold).toBeNull();
    const again = await call(duty, "POST", `/api/v1/feeds/runs/${surge.id}/discard`);
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe("feed_run_not_held");
    expect(await told()).toBe(6);

    // The usual is now the median of 1, 1, 1 and 3 events: 2; four events are a surge again.
    const flood = await importEvents(
      report,
      [20, 21, 22, 23].map((h) => `${prefix}.${h}`),
      undefined,
      source,
    );
    expect((await runOf(flood.id)).notifyHold).toBe("surge");
    const discarded = await call(duty, "POST", `/api/v1/feeds/runs/${flood.id}/discard`);
    expect(discarded.json<FeedRun>().notifyHold).toBe("discarded");
    expect(await told()).toBe(6);

    const audit = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select("action")
      .where("target_id", "in", [surge.id, flood.id])
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["feed.run_released", "feed.run_discarded"]));
  });
});
