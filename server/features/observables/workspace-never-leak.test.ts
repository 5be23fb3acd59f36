import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IncidentDetail } from "../../../contract/incidents.js";
import type { ObservableIndexPage } from "../../../contract/observable-index.js";
import type { BulkLookupResult } from "../../../contract/observable-lookup.js";
import type { ValueTagList } from "../../../contract/observable-tags.js";
import type { ObservableDetail } from "../../../contract/observables.js";
import type { SearchPage } from "../../../contract/search.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { tempDataDir } from "../intake/test-fixtures.js";
import { observablesClient, uniqueDomain } from "./observables.test-fixtures.js";
import { refreshObservableStats } from "./stats-refresher.js";

// The observables workspace never tells someone about a value, a count, a verdict or a tag that only
// TLP:RED cases hidden from them hold: not through the index (any view, filter or count), a value's
// tags, a tag given again or removed, bulk lookup, or the search box. A TLP:RED incident (with its
// report) is the owner's; the outsider is an analyst who is neither its assignee nor a member.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir, FYR_CORRELATION_COMMON_CASES: "2" });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, reportSaying, openIncident, values } = observablesClient(app);

let owner = "";
let outsider = "";
let admin = "";
let red: IncidentDetail;
const tag = uniqueDomain("x").split(".")[0] ?? "";
const onlyRed = uniqueDomain("secret");
const shared = uniqueDomain("shared");
// Under one domain, so `*.domain` must find the visible name and not the hidden one.
const parent = uniqueDomain("parent");
const [hiddenSub, visibleSub] = [`hidden.${parent}`, `visible.${parent}`];
// In one network, so a CIDR search must find the visible address and not the hidden one.
const net = `49.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const [hiddenIp, visibleIp] = [`${net}.10`, `${net}.20`];
let visibleReport = "";

const get = <T>(token: string, url: string) =>
  call(token, "GET", url).then((r) => {
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    return r.json<T>();
  });
const detail = (token: string, value: string) => get<ObservableDetail>(token, `/api/v1/observables?value=${value}`);
const index = (token: string, query: string) => get<ObservableIndexPage>(token, `/api/v1/observables/index?${query}`);
const everyView = ["recent", "most-seen", "malicious", "common"];

/** A value only a TLP:RED incident of the owner's holds, judged malicious and tagged (a free tag, tlp:red). */
async function judgedInSecret(label: string): Promise<{ value: string; tag: string }> {
  const value = uniqueDomain(label);
  const secretTag = `tag-${uniqueDomain(label).split(".")[0] ?? ""}`;
  const report = await reportSaying(`Hemligt: ${value}`);
  await openIncident(owner, { title: "Hemlig bedömning", reports: [report], tlp: "TLP:RED" });
  const seen = await detail(owner, value);
  await call(owner, "PATCH", `/api/v1/observables/${seen.id}`, { version: seen.version, tag: "malicious" });
  for (const t of [secretTag, "tlp:red"])
    expect((await call(owner, "POST", `/api/v1/observables/${seen.id}/tags`, { tag: t })).statusCode).toBe(200);
  return { value, tag: secretTag };
}

beforeAll(async () => {
  const o = await createTokenFor(app(), { roles: ["analyst"] });
  owner = o.token;
  outsider = (await createTokenFor(app(), { roles: ["analyst"] })).token;
  admin = (await createTokenFor(app(), { roles: ["admin"] })).token;
  const redReport = await reportSaying(`Hemligt: ${onlyRed} ${shared} ${hiddenSub} ${hiddenIp}`);
  red = await openIncident(owner, { title: "Hemlig", reports: [redReport], tlp: "TLP:RED", assigneeId: o.userId });
  // Three hidden cases hold `shared` (the report, the incident's note, another report in another
  // TLP:RED incident): four for the owner (common at 2), one for the outsider.
  await call(owner, "POST", `/api/v1/incidents/${red.reference}/notes`, { body: `Också ${shared}` });
  const again = await reportSaying(`Igen ${shared}`);
  await openIncident(owner, { title: "Hemlig 2", reports: [again], tlp: "TLP:RED", assigneeId: o.userId });
  visibleReport = await reportSaying(`Vi såg ${shared} och ${visibleSub} och ${visibleIp}`);
  await app().fyr.runDueJobs();

  // The owner judges and tags the values while only the hidden cases (and for `shared` the visible
  // report too) hold them.
  for (const value of [onlyRed, shared]) {
    const seen = await detail(owner, value);
    await call(owner, "PATCH", `/api/v1/observables/${seen.id}`, { version: seen.version, tag: "malicious" });
  }
  const hiddenOnly = await detail(owner, onlyRed);
  expect((await call(owner, "POST", `/api/v1/observables/${hiddenOnly.id}/tags`, { tag })).statusCode).toBe(200);
  expect((await call(owner, "POST", `/api/v1/observables/${hiddenOnly.id}/tags`, { tag: "tlp:red" })).statusCode).toBe(
    200,
  );
});

describe("the index, for someone who may not see a TLP:RED incident", () => {
  it("never lists a value only hidden cases hold, in any view or filter, nor counts hidden cases", async () => {
    for (const view of everyView) {
      for (const filter of ["", `&tag=${tag}`, "&tag=tlp:red", "&type=domain", "&limit=200"]) {
        const page = await index(outsider, `view=${view}${filter}`);
        expect(
          page.items.map((i) => i.value),
          `${view}${filter}`,
        ).not.toContain(onlyRed);
      }
    }
    // The owner's own index lists it (the data is there).
    expect((await index(owner, `tag=${tag}`)).items.map((i) => i.value)).toEqual([onlyRed]);

    const mine = (await index(outsider, "view=recent&type=domain&limit=200")).items.find((i) => i.value === shared);
    expect(mine).toMatchObject({ caseCount: 1, common: false });
    const theirs = (await index(owner, "view=common&limit=200")).items.find((i) => i.value === shared);
    expect(theirs).toMatchObject({ caseCount: 4, common: true });
    expect((await index(outsider, "view=common&limit=200")).items.map((i) => i.value)).not.toContain(shared);
  });

  it("shows neither a verdict nor a tag given while only hidden cases held the value", async () => {
    // `shared` was judged while a visible report held it too: the outsider sees that verdict.
    const listed = (await index(outsider, "view=malicious&limit=200")).items.map((i) => i.value);
    expect(listed).toContain(shared);
    expect(listed).not.toContain(onlyRed);
    // A value judged and tagged in secret turns up in a case the outsider sees: still no verdict, no tag.
    const value = await judgedInSecret("turns-up");
    const mine = await reportSaying(`Här syns ${value.value}`);
    const page = await detail(outsider, value.value);
    expect(page).toMatchObject({ tag: null, tags: [], caseCount: 1 });
    expect((await values(outsider, "reports", mine)).items.find((v) => v.value === value.value)?.tags).toEqual([]);
    expect((await index(outsider, `tag=${value.tag}`)).items).toEqual([]);
    expect((await index(outsider, "view=malicious&limit=200")).items.map((i) => i.value)).not.toContain(value.value);
    const item = (await index(outsider, "view=recent&limit=200")).items.find((i) => i.value === value.value);
    expect(item).toMatchObject({ verdict: null, tags: [], caseCount: 1 });
  });
});

describe("the index's summary, when a case becomes TLP:RED", () => {
  const listed = async (token: string, value: string) =>
    (await index(token, "view=recent&type=domain&limit=200")).items.some((i) => i.value === value);
  const refresh = () => refreshObservableStats(app().fyr.deps.db);

  it("stops counting an incident turned TLP:RED at once, and again once it is TLP:AMBER", async () => {
    const value = uniqueDomain("flip");
    const incident = await openIncident(owner, { title: "Snart hemlig", reports: [], tlp: "TLP:AMBER" });
    await call(owner, "POST", `/api/v1/incidents/${incident.reference}/notes`, { body: `Vi såg ${value}` });
    await app().fyr.runDueJobs();
    await refresh();
    expect(await listed(outsider, value)).toBe(true);
    const current = await get<IncidentDetail>(owner, `/api/v1/incidents/${incident.reference}`);
    const red = await call(owner, "PATCH", `/api/v1/incidents/${incident.reference}`, {
      version: current.version,
      tlp: "TLP:RED",
    });
    expect(red.statusCode, red.body).toBe(200);
    // Before the background pass and after it: gone for the outsider (and the owner, who is neither
    // its assignee nor a member), there for an admin.
    expect(await listed(outsider, value)).toBe(false);
    expect(await listed(admin, value)).toBe(true);
    await refresh();
    expect(await listed(outsider, value)).toBe(false);
    expect(await listed(owner, value)).toBe(false);
    expect(await listed(admin, value)).toBe(true);
    const again = await call(admin, "PATCH", `/api/v1/incidents/${incident.reference}`, {
      version: red.json<IncidentDetail>().version,
      tlp: "TLP:AMBER",
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(await listed(outsider, value)).toBe(true);
    await refresh();
    expect(await listed(outsider, value)).toBe(true);
  });

  it("stops counting a report once it is linked to a TLP:RED incident", async () => {
    const value = uniqueDomain("linked");
    const report = await reportSaying(`Synligt: ${value}`);
    await refresh();
    expect(await listed(outsider, value)).toBe(true);
    const linked = await call(owner, "POST", `/api/v1/incidents/${red.reference}/reports`, { reference: report });
    expect(linked.statusCode, linked.body).toBeLessThan(300);
    expect(await listed(outsider, value)).toBe(false);
    await refresh();
    expect(await listed(outsider, value)).toBe(false);
    const count = (await index(owner, "view=recent&type=domain&limit=200")).items.find((i) => i.value === value);
    expect(count?.caseCount).toBe(1);
  });
});

describe("tags, for someone who may not see a TLP:RED incident", () => {
  it("cannot tag or untag a value only hidden cases hold: the same 404 as a value that does not exist", async () => {
    const value = uniqueDomain("redonly");
    const report = await reportSaying(`Bara här: ${value}`);
    await openIncident(owner, { title: "Hemlig 3", reports: [report], tlp: "TLP:RED" });
    const { id } = await detail(owner, value);
    const none = "4503599627370497";
    for (const [method, path, body] of [
      ["POST", "tags", { tag: "probe" }],
      ["DELETE", "tags?tag=probe", undefined],
    ] as const) {
      const hidden = await call(outsider, method, `/api/v1/observables/${id}/${path}`, body);
      const missing = await call(outsider, method, `/api/v1/observables/${none}/${path}`, body);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.body).toBe(missing.body);
    }
  });

  it("giving a hidden tag again tells nothing (theirs, as if new), and removing one they cannot see is a 404", async () => {
    const value = await judgedInSecret("given-again");
    await reportSaying(`Här syns ${value.value}`);
    const page = await detail(outsider, value.value);
    const removed = await call(outsider, "DELETE", `/api/v1/observables/${page.id}/tags?tag=${value.tag}`);
    const never = await call(outsider, "DELETE", `/api/v1/observables/${page.id}/tags?tag=never-given`);
    expect(removed.statusCode).toBe(404);
    expect(removed.body).toBe(never.body);

    const given = await call(outsider, "POST", `/api/v1/observables/${page.id}/tags`, { tag: value.tag });
    expect(given.statusCode).toBe(200);
    const [mine] = given.json<ValueTagList>().items;
    const fresh = await call(outsider, "POST", `/api/v1/observables/${page.id}/tags`, { tag: "fresh-tag" });
    const freshTag = fresh.json<ValueTagList>().items.find((t) => t.tag === "fresh-tag");
    // Named as theirs and dated now, like a tag nobody gave before.
    expect(mine?.addedBy.name).toBe(freshTag?.addedBy.name);
    expect(Date.parse(mine?.addedAt ?? "")).toBeGreaterThan(Date.now() - 60_000);
    // The owner's tlp:red, given on the hidden cases alone, stays theirs alone.
    expect(given.json<ValueTagList>().items.map((t) => t.tag)).not.toContain("tlp:red");
    expect((await detail(owner, value.value)).tags.map((t) => t.tag)).toContain("tlp:red");
  });
});

describe("bulk lookup and search, for someone who may not see a TLP:RED incident", () => {
  it("bulk lookup says a value only hidden cases hold is not seen, and counts only visible cases", async () => {
    const value = uniqueDomain("lookup-red");
    const report = await reportSaying(`Dolt: ${value} och ${shared}`);
    await openIncident(owner, { title: "Hemlig 4", reports: [report], tlp: "TLP:RED" });
    const text = `${value}\n${shared}\n${hiddenIp}`;
    const result = (await call(outsider, "POST", "/api/v1/observables/lookup", { text })).json<BulkLookupResult>();
    expect(result.unseen.map((v) => v.value)).toEqual([value, hiddenIp]);
    expect(result.seen.map((v) => [v.value, v.caseCount])).toEqual([[shared, 1]]);
    expect(result.seen[0]?.cases.map((c) => c.reference)).toEqual([visibleReport]);
    const full = (await call(admin, "POST", "/api/v1/observables/lookup", { text })).json<BulkLookupResult>();
    expect(full.seen.map((v) => v.value)).toEqual([value, shared, hiddenIp]);
  });

  it("search finds no hidden value: not by itself, under its domain, or inside its network", async () => {
    const search = (q: string, token = outsider) =>
      get<SearchPage>(token, `/api/v1/search?q=${encodeURIComponent(q)}`).then((p) => p.values?.map((v) => v.value));
    expect(await search(hiddenIp)).toEqual([]);
    expect(await search(`${net}.0/24`)).toEqual([visibleIp]);
    expect(await search(`*.${parent}`)).toEqual([visibleSub]);
    expect(await search(`${net}.0/24`, owner)).toEqual([hiddenIp, visibleIp]);
    const sharedHit = (await get<SearchPage>(outsider, `/api/v1/search?q=${shared}`)).values?.[0];
    expect(sharedHit?.caseCount).toBe(1);
    expect(sharedHit?.cases.map((c) => c.reference)).toEqual([visibleReport]);
    expect(sharedHit?.tags).toEqual([]);
  });
});
