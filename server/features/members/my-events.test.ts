import { describe, expect, it } from "vitest";
import type { EventDayCounts, FeedEventPage } from "../../../contract/feeds.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor, randomClientAddress } from "../../../test/support/auth.js";
import { makeFeedEvents } from "../feeds/test-fixtures.js";
import { makeMember, makeOrganisation, signInMember } from "./test-fixtures.js";

// A member's events, and trying to break the member policy through them: a member of B asks every member
// event endpoint (JSON pages, CSV, counts) for A's events — by A's id, its child's, A's event ids in a
// forged cursor, A's classification type — and meets nothing of A's, worded as an unknown id is. Members'
// tokens never reach the staff event list; staff never reach the member's.

const app = useTestApp({ FYR_TIME_ZONE: "Europe/Stockholm" });
const unknown = "00000000-0000-4000-8000-000000000000";

async function call(url: string, headers: Record<string, string>) {
  const res = await app().fyr.http.inject({ method: "GET", url, headers, remoteAddress: randomClientAddress() });
  return { status: res.statusCode, body: res.body, type: String(res.headers["content-type"] ?? "") };
}
const cursorFor = (at: string, id: string) => Buffer.from(JSON.stringify({ at, id })).toString("base64url");

async function world() {
  const a = await makeOrganisation(app(), { name: "Secret Org A" });
  const aChild = await makeOrganisation(app(), { name: "Secret Child of A", parentId: a.id });
  const b = await makeOrganisation(app(), { name: "Org B" });
  const now = Date.now();
  const ago = (days: number) => new Date(now - days * 86_400_000).toISOString();
  const feed = await makeFeedEvents(app(), [
    { time: ago(1), ip: "192.0.2.77", type: "secret-a-type", organisationId: a.id, extra: { tag: "secret-a-extra" } },
    { time: ago(2), ip: "192.0.2.78", type: "vulnerable-system", organisationId: a.id },
    { time: ago(3), ip: "192.0.2.79", type: "vulnerable-system", organisationId: aChild.id },
    { time: ago(1), ip: "198.51.100.5", type: "vulnerable-system", organisationId: b.id, fqdn: "=cmd|calc" },
    { time: ago(2), ip: "198.51.100.6", type: "infected-system", organisationId: b.id },
    { time: ago(1), ip: "203.0.113.9", type: "vulnerable-system", organisationId: null },
  ]);
  return { a, aChild, b, feed };
}

describe("a member's events", () => {
  it("shows a member their organisation's and its children's events, as JSON pages, CSV and counts", async () => {
    const { a, aChild, b } = await world();
    const asA = await signInMember(app(), await makeMember(app(), a));
    const page = await call("/api/v1/my/events?limit=2", asA);
    expect(page.status, page.body).toBe(200);
    const first = JSON.parse(page.body) as FeedEventPage;
    expect(first.items.map((e) => e["source.ip"])).toEqual(["192.0.2.77", "192.0.2.78"]);
    expect(first.items[0]?.organisation).toEqual({ id: a.id, name: "Secret Org A" });
    const next = JSON.parse(
      (await call(`/api/v1/my/events?limit=2&cursor=${first.nextCursor}`, asA)).body,
    ) as FeedEventPage;
    expect(next.items.map((e) => e["source.ip"])).toEqual(["192.0.2.79"]);
    expect(next.nextCursor).toBeNull();
    // One organisation of the scope.
    const child = JSON.parse((await call(`/api/v1/my/events?organisation=${aChild.id}`, asA)).body) as FeedEventPage;
    expect(child.items.map((e) => e["source.ip"])).toEqual(["192.0.2.79"]);

    const csv = await call("/api/v1/my/events?format=csv", asA);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain("text/csv");
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]?.split(",").slice(0, 3)).toEqual(["time.source", "time.observation", "feed.name"]);
    expect(lines[0]).toContain("source.ip");
    expect(lines).toHaveLength(4);

    const counts = JSON.parse((await call("/api/v1/my/events/counts", asA)).body) as EventDayCounts;
    expect(counts.types).toEqual([
      { type: "vulnerable-system", count: 2 },
      { type: "secret-a-type", count: 1 },
    ]);
    expect(counts.items.reduce((n, i) => n + i.count, 0)).toBe(3);
    expect(counts.items.every((i) => i.day >= counts.from && i.day <= counts.to)).toBe(true);

    // B's own download defuses a formula in its extra and names B's events only.
    const asB = await signInMember(app(), await makeMember(app(), b));
    const bCsv = (await call("/api/v1/my/events?format=csv", asB)).body;
    expect(bCsv).toContain(",'=cmd|calc,");
    expect(bCsv.trimEnd().split("\r\n")).toHaveLength(3);
  }, 60_000);

  it("never shows organisation A's events to a member of B, through any member event endpoint", async () => {
    const { a, aChild, b, feed } = await world();
    const asA = await signInMember(app(), await makeMember(app(), a));
    const aEvents = (JSON.parse((await call("/api/v1/my/events", asA)).body) as FeedEventPage).items;
    expect(aEvents).toHaveLength(3);
    const asB = await signInMember(app(), await makeMember(app(), b));
    const secrets = [
      a.id,
      aChild.id,
      ...aEvents.map((e) => e.id),
      "Secret Org A",
      "Secret Child of A",
      "192.0.2.",
      "secret-a-type",
      "secret-a-extra",
      "203.0.113.9",
    ];
    const leaks: string[] = [];
    const differs: string[] = [];
    const check = (label: string, got: { status: number; body: string }, asked?: string) => {
      const body = asked ? got.body.split(asked).join("") : got.body;
      for (const s of secrets) if (body.includes(s)) leaks.push(`${label}: ${s}`);
    };
    const same = async (label: string, url: string, id: string) => {
      const got = await call(url, asB);
      const baseline = await call(url.split(id).join(unknown), asB);
      check(label, got, id);
      if (got.status !== baseline.status || got.body.split(id).join("ID") !== baseline.body.split(unknown).join("ID")) {
        differs.push(`${label}: ${got.status} ${got.body} vs ${baseline.status} ${baseline.body}`);
      }
      expect(got.status).toBe(404);
    };
    for (const id of [a.id, aChild.id]) {
      await same(`json ${id}`, `/api/v1/my/events?organisation=${id}`, id);
      await same(`csv ${id}`, `/api/v1/my/events?format=csv&organisation=${id}`, id);
      await same(`counts ${id}`, `/api/v1/my/events/counts?organisation=${id}`, id);
    }
    // B's own lists, with A's type, A's addresses' days, and cursors forged from A's events.
    const urls = [
      "/api/v1/my/events",
      "/api/v1/my/events?format=csv",
      "/api/v1/my/events/counts",
      "/api/v1/my/events?type=secret-a-type",
      "/api/v1/my/events/counts?type=secret-a-type",
      "/api/v1/my/events?format=csv&type=secret-a-type",
      ...aEvents.map((e) => `/api/v1/my/events?cursor=${cursorFor(String(e["time.source"]), e.id)}`),
      `/api/v1/my/events?cursor=${cursorFor(new Date(Date.now() + 86_400_000).toISOString(), unknown)}`,
      `/api/v1/my/events?organisation=${feed.sourceId}`,
    ];
    for (const url of urls) {
      const got = await call(url, asB);
      check(url, got);
      expect([200, 404], `${url}: ${got.body}`).toContain(got.status);
    }
    const own = JSON.parse((await call("/api/v1/my/events?limit=500", asB)).body) as FeedEventPage;
    expect(own.items.map((e) => e["source.ip"]).sort()).toEqual(["198.51.100.5", "198.51.100.6"]);
    const typed = JSON.parse((await call("/api/v1/my/events/counts?type=secret-a-type", asB)).body) as EventDayCounts;
    expect(typed.items).toEqual([]);
    expect(typed.types).toEqual([]);
    // A malformed filter names the field, never an event.
    const bad = await call("/api/v1/my/events?organisation=not-a-uuid&from=yesterday", asB);
    expect(bad.status).toBe(400);
    check("bad", bad);
    expect(leaks).toEqual([]);
    expect(differs).toEqual([]);
  }, 60_000);

  it("admits members' tokens to their own events only, and staff to the staff list only", async () => {
    const { b } = await world();
    const member = await makeMember(app(), b);
    const session = await signInMember(app(), member);
    const minted = await app().fyr.http.inject({
      method: "POST",
      url: "/api/v1/auth/tokens",
      headers: session,
      payload: { label: "script" },
      remoteAddress: randomClientAddress(),
    });
    expect(minted.statusCode, minted.body).toBe(201);
    const token = { authorization: `Bearer ${minted.json<{ token: string }>().token}` };
    expect((await call("/api/v1/my/events?format=csv", token)).status).toBe(200);
    for (const url of ["/api/v1/events", `/api/v1/events?organisation=${b.id}`, "/api/v1/events?unmatched=true"]) {
      expect((await call(url, token)).status, url).toBe(403);
      expect((await call(url, session)).status, url).toBe(403);
    }
    const observer = { authorization: `Bearer ${(await createTokenFor(app(), { roles: ["observer"] })).token}` };
    expect((await call(`/api/v1/events?organisation=${b.id}`, observer)).status).toBe(200);
    expect((await call("/api/v1/my/events", observer)).status).toBe(403);
    expect((await call("/api/v1/my/events/counts", observer)).status).toBe(403);
  }, 60_000);

  it("refuses a chart window longer than a year, naming the field", async () => {
    const { b } = await world();
    const asB = await signInMember(app(), await makeMember(app(), b));
    const res = await call("/api/v1/my/events/counts?from=2024-01-01&to=2025-12-31", asB);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ errors: [{ path: "querystring.from", code: "window_too_long" }] });
    const reversed = await call("/api/v1/my/events/counts?from=2025-02-01&to=2025-01-01", asB);
    expect(JSON.parse(reversed.body)).toMatchObject({ errors: [{ code: "window_reversed" }] });
  }, 60_000);
});
