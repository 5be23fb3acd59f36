import { beforeAll, describe, expect, it } from "vitest";
import type { FeedEventPage } from "../../../contract/feeds.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { makeOrganisation } from "../members/test-fixtures.js";
import { makeFeedEvents } from "./test-fixtures.js";

// The staff event list's filters: per organisation, per feed (source), and the events no owner matched,
// which is where the registry has gaps to fix.

const app = useTestApp();
let observer = "";
beforeAll(async () => {
  observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
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
});
