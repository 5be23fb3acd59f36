import { rm } from "node:fs/promises";
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import type { ObservableIndexPage } from "../../../contract/observable-index.js";
import type { ObservableDetail } from "../../../contract/observables.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { tempDataDir } from "../intake/test-fixtures.js";
import { observablesClient, uniqueDomain, uniqueIp } from "./observables.test-fixtures.js";
import { refreshObservableStats } from "./stats-refresher.js";
import { domain, incidentHolding } from "./workspace.test-fixtures.js";

// The observables index: views (recent, most seen, malicious, common), filters (type, tag, when last
// seen) and keyset pages. Each test's values are seen on days of their own in 2031, so a time filter
// keeps them apart from the rest of the file's data.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir, FYR_CORRELATION_COMMON_CASES: "3" });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call } = observablesClient(app);

let analyst = "";
let publisher = "";
beforeAll(async () => {
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
  publisher = (await createTokenFor(app(), { roles: ["publisher"] })).token;
});

async function index(query: string, token = analyst): Promise<ObservableIndexPage> {
  const res = await call(token, "GET", `/api/v1/observables/index?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ObservableIndexPage>();
}
const day = (d: number, h = 12) => new Date(Date.UTC(2031, 0, d, h));

/**
 * Runs `check` twice: while the new values are pending in the index's summary (summed live), and
 * again once the background pass has summed them: both ways must answer the same.
 */
async function bothWays(check: () => Promise<void>): Promise<void> {
  await check();
  expect(await refreshObservableStats(app().fyr.deps.db)).toBeGreaterThan(0);
  await check();
}

describe("the observables index", () => {
  it("lists recent values last seen first, with counts and dates, a page at a time", async () => {
    const [a, b, c] = [uniqueDomain("a"), uniqueDomain("b"), uniqueDomain("c")];
    await incidentHolding(app, [domain(a), domain(b)], day(2, 8));
    await incidentHolding(app, [domain(b)], day(2, 10));
    await incidentHolding(app, [domain(c)], day(2, 9));
    await bothWays(async () => {
      const range = "from=2031-01-02&to=2031-01-02";
      const all = await index(`view=recent&${range}`);
      expect(all.items.map((i) => i.value)).toEqual([b, c, a]);
      expect(all.items[0]).toMatchObject({
        type: "domain",
        caseCount: 2,
        common: false,
        verdict: null,
        tags: [],
        firstSeen: day(2, 8).toISOString(),
        lastSeen: day(2, 10).toISOString(),
      });
      expect(all.commonThreshold).toBe(3);

      const seen: string[] = [];
      let cursor: string | null = "";
      while (cursor !== null) {
        const page: ObservableIndexPage = await index(
          `view=recent&${range}&limit=1${cursor ? `&cursor=${cursor}` : ""}`,
        );
        seen.push(...page.items.map((i) => i.value));
        cursor = page.nextCursor;
      }
      expect(seen).toEqual([b, c, a]);
    });
  });

  it("lists the most seen values first, and the common ones (in more cases than the threshold)", async () => {
    const [often, twice, once] = [uniqueDomain("often"), uniqueDomain("twice"), uniqueDomain("once")];
    for (let i = 0; i < 4; i++) await incidentHolding(app, [domain(often)], day(3, 8 + i));
    await incidentHolding(app, [domain(twice), domain(once)], day(3, 14));
    await incidentHolding(app, [domain(twice)], day(3, 6));
    await bothWays(async () => {
      const range = "from=2031-01-03T00:00:00Z&to=2031-01-04T00:00:00Z";
      const most = await index(`view=most-seen&${range}`);
      expect(most.items.map((i) => [i.value, i.caseCount, i.common])).toEqual([
        [often, 4, true],
        [twice, 2, false],
        [once, 1, false],
      ]);
      const pages = [await index(`view=most-seen&${range}&limit=2`)];
      pages.push(await index(`view=most-seen&${range}&limit=2&cursor=${pages[0]?.nextCursor ?? ""}`));
      expect(pages.flatMap((p) => p.items.map((i) => i.value))).toEqual([often, twice, once]);
      expect(pages[1]?.nextCursor).toBeNull();
      expect((await index(`view=common&${range}`)).items.map((i) => i.value)).toEqual([often]);
    });
  });

  it("lists the values judged malicious, and filters by type and by tag", async () => {
    const [bad, fine] = [uniqueDomain("bad"), uniqueDomain("fine")];
    const ip = uniqueIp();
    await incidentHolding(app, [domain(bad), domain(fine), { type: "ipv4", value: ip }], day(4));
    const detail = (v: string) =>
      call(analyst, "GET", `/api/v1/observables?value=${v}`).then((r) => r.json<ObservableDetail>());
    const judged = await detail(bad);
    await call(analyst, "PATCH", `/api/v1/observables/${judged.id}`, { version: judged.version, tag: "malicious" });
    await call(analyst, "POST", `/api/v1/observables/${(await detail(fine)).id}/tags`, { tag: "TLP:GREEN" });

    await bothWays(async () => {
      const range = "from=2031-01-04&to=2031-01-04";
      const malicious = await index(`view=malicious&${range}`);
      expect(malicious.items.map((i) => [i.value, i.verdict])).toEqual([[bad, "malicious"]]);
      expect((await index(`type=ipv4&${range}`)).items.map((i) => i.value)).toEqual([ip]);
      // The tag as typed finds it as stored.
      const tagged = await index(`tag=${encodeURIComponent("tlp:Green")}&${range}`);
      expect(tagged.items.map((i) => [i.value, i.tags])).toEqual([[fine, ["tlp:green"]]]);
      expect((await index(`tag=tlp:nonsense&${range}`)).items).toEqual([]);
    });
  });

  it("filters by when values were last seen, and counts and dates them over all time", async () => {
    const value = uniqueDomain("timed");
    await incidentHolding(app, [domain(value)], day(5));
    await incidentHolding(app, [domain(value)], day(7));
    await bothWays(async () => {
      for (const range of ["from=2031-01-05&to=2031-01-05", "from=2031-01-06&to=2031-01-06", "from=2031-01-08"])
        expect(
          (await index(range)).items.map((i) => i.value),
          range,
        ).not.toContain(value);
      for (const range of ["from=2031-01-07&to=2031-01-07", "from=2031-01-06", "to=2031-01-07"]) {
        const inside = (await index(`${range}&limit=200`)).items.find((i) => i.value === value);
        expect(inside, range).toMatchObject({
          caseCount: 2,
          firstSeen: day(5).toISOString(),
          lastSeen: day(7).toISOString(),
        });
      }
    });
  });

  it("follows a value added to a case by hand and removed again, before and after the summary's pass", async () => {
    const value = uniqueDomain("manual");
    const db = app().fyr.deps.db;
    await incidentHolding(app, [domain(value)], day(8));
    const second = await incidentHolding(app, [], day(8));
    const listed = async () => (await index("limit=200&type=domain")).items.find((i) => i.value === value);
    await refreshObservableStats(db);
    expect((await listed())?.caseCount).toBe(1);

    const added = await call(analyst, "POST", `/api/v1/incidents/${second.reference}/observables`, { value });
    expect(added.statusCode, added.body).toBe(201);
    expect((await listed())?.caseCount).toBe(2);
    await refreshObservableStats(db);
    expect((await listed())?.caseCount).toBe(2);

    const { id } = added.json<{ id: string }>();
    expect((await call(analyst, "DELETE", `/api/v1/incidents/${second.reference}/observables/${id}`)).statusCode).toBe(
      204,
    );
    expect((await listed())?.caseCount).toBe(1);
    expect(await refreshObservableStats(db)).toBeGreaterThan(0);
    expect((await listed())?.caseCount).toBe(1);
    // Nothing is left pending once the pass has run.
    expect(await refreshObservableStats(db)).toBe(0);
  });

  it("refuses what it cannot read: a cursor of another view, a bad view or type, a reader without the role", async () => {
    const page = await index("view=recent&limit=1");
    expect(page.nextCursor).not.toBeNull();
    const foreign = await call(analyst, "GET", `/api/v1/observables/index?view=most-seen&cursor=${page.nextCursor}`);
    expect(foreign.json()).toMatchObject({ code: "invalid_cursor" });
    for (const bad of ["view=everything", "type=dna", "limit=201", "from=yesterday"])
      expect((await call(analyst, "GET", `/api/v1/observables/index?${bad}`)).statusCode, bad).toBe(400);
    expect((await call(publisher, "GET", "/api/v1/observables/index")).statusCode).toBe(403);
  });
});
