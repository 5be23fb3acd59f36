import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FeedEventPage } from "../../../contract/feeds.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { multipart, tempDataDir } from "../intake/test-fixtures.js";
import { makeOrganisation } from "../members/test-fixtures.js";
import { makeFeedEvents } from "./test-fixtures.js";

// The staff event list's filters: per organisation, per feed (source), and the events no owner matched,
// which is where the registry has gaps to fix.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir, FYR_LOG_LEVEL: "error" });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
let observer = "";
let duty = "";
beforeAll(async () => {
  observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
  duty = (await createTokenFor(app(), { roles: ["duty"] })).token;
});
const list = async (query: string) => {
  const res = await app().fyr.http.inject({
    method: "GET",
    url: `/api/v1/events?${query}`,
    headers: { authorization: `Bearer ${observer}` },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<FeedEventPage>().items.map((e) => e["source.ip"]);
};

describe("the staff event list", () => {
  it("filters by organisation, by feed, and to the unmatched events", async () => {
    const org = await makeOrganisation(app());
    const t = (h: number) => new Date(Date.UTC(2026, 10, 20, h)).toISOString();
    const one = await makeFeedEvents(app(), [
      { time: t(1), ip: "192.0.2.1", organisationId: org.id },
      { time: t(2), ip: "192.0.2.2", organisationId: null },
    ]);
    const two = await makeFeedEvents(app(), [
      { time: t(3), ip: "192.0.2.3", organisationId: org.id },
      { time: t(4), ip: "192.0.2.4", organisationId: null },
    ]);
    expect(await list(`organisation=${org.id}`)).toEqual(["192.0.2.3", "192.0.2.1"]);
    expect(await list(`source=${one.sourceId}`)).toEqual(["192.0.2.2", "192.0.2.1"]);
    expect(await list(`source=${two.sourceId}&unmatched=true`)).toEqual(["192.0.2.4"]);
    expect(await list(`source=${one.sourceId}&organisation=none`)).toEqual(["192.0.2.2"]);
    expect(await list(`source=${one.sourceId}&unmatched=false`)).toEqual(["192.0.2.2", "192.0.2.1"]);
    expect(await list(`organisation=${org.id}&from=2026-11-20T02:30:00Z`)).toEqual(["192.0.2.3"]);
  });

  it("enriches an uploaded file's events with AS number, AS name and country, keeping what the feed said", async () => {
    const line = (fields: Record<string, string | number>) =>
      JSON.stringify({
        "time.source": "2026-11-21T10:00:00Z",
        "classification.taxonomy": "vulnerable",
        "classification.type": "vulnerable-system",
        ...fields,
      });
    const text = [line({ "source.ip": "1.1.1.1" }), line({ "source.ip": "8.8.8.8", "source.asn": 64496 })].join("\n");
    const body = multipart({ format: "intelmq", source: `enrich-${Date.now()}` }, [
      { field: "file", filename: "events.jsonl", content: Buffer.from(`${text}\n`) },
    ]);
    const posted = await app().fyr.http.inject({
      method: "POST",
      url: "/api/v1/feeds/runs",
      payload: body.payload,
      headers: { ...body.headers, authorization: `Bearer ${duty}` },
    });
    expect(posted.statusCode, posted.body).toBe(202);
    await app().fyr.runDueJobs();
    const runs = await app().fyr.http.inject({
      method: "GET",
      url: `/api/v1/feeds/runs/${posted.json<{ id: string }>().id}`,
      headers: { authorization: `Bearer ${observer}` },
    });
    expect(runs.json()).toMatchObject({ status: "done", events: 2 });
    const res = await app().fyr.http.inject({
      method: "GET",
      url: "/api/v1/events?from=2026-11-21&to=2026-11-21&ip=1.1.1.1",
      headers: { authorization: `Bearer ${observer}` },
    });
    expect(res.json<FeedEventPage>().items[0]).toMatchObject({
      "source.asn": 13335,
      "source.as_name": expect.stringContaining("Cloudflare"),
      "source.geolocation.cc": expect.stringMatching(/^[A-Z]{2}$/),
    });
    const own = await app().fyr.http.inject({
      method: "GET",
      url: "/api/v1/events?from=2026-11-21&to=2026-11-21&ip=8.8.8.8",
      headers: { authorization: `Bearer ${observer}` },
    });
    const event = own.json<FeedEventPage>().items[0];
    expect(event?.["source.asn"]).toBe(64496);
    expect(event?.["source.as_name"]).toBeUndefined();
    expect(event?.["source.geolocation.cc"]).toBe("US");
  });
});
