import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IncidentDetail } from "../../../contract/incidents.js";
import type { CaseObservable, ObservableDetail } from "../../../contract/observables.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { tempDataDir } from "../intake/test-fixtures.js";
import { observablesClient, uniqueDomain } from "./observables.test-fixtures.js";

// Correlation never tells anyone that something they may not see shares a value with what they can:
// not its reference, not its existence, not in a count. A TLP:RED incident (and the report linked to
// it) is hidden from an analyst who is neither its assignee nor a member; every endpoint is tried.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir, FYR_CORRELATION_COMMON_CASES: "3" });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, reportSaying, related, values, openIncident } = observablesClient(app);

let owner = "";
let outsider = "";
let admin = "";
let red: IncidentDetail;
let redReport = "";
let visibleReport = "";
const shared = uniqueDomain("shared");
const onlyRed = uniqueDomain("secret");
const crowded = uniqueDomain("crowded");

beforeAll(async () => {
  const o = await createTokenFor(app(), { roles: ["analyst"] });
  owner = o.token;
  outsider = (await createTokenFor(app(), { roles: ["analyst"] })).token;
  admin = (await createTokenFor(app(), { roles: ["admin"] })).token;
  redReport = await reportSaying(`Intrång: ${shared} och ${onlyRed} och ${crowded}`);
  red = await openIncident(owner, { title: "Hemlig", reports: [redReport], tlp: "TLP:RED", assigneeId: o.userId });
  await call(owner, "POST", `/api/v1/incidents/${red.reference}/notes`, { body: `Också ${crowded} i loggen` });
  // Two more hidden cases hold `crowded`: with the visible one, four in all — common for the owner's
  // admin, but the outsider sees one case and must not learn about the rest from a "common" flag.
  for (const title of ["Hemlig 2", "Hemlig 3"]) {
    const r = await reportSaying(`Igen ${crowded}`);
    await openIncident(owner, { title, reports: [r], tlp: "TLP:RED", assigneeId: o.userId });
  }
  visibleReport = await reportSaying(`Vi såg ${shared} och ${crowded}`);
  await app().fyr.runDueJobs();
});

describe("for someone who may not see a TLP:RED incident", () => {
  it("the related panel of a visible case lists neither the incident nor its report", async () => {
    const refs = (await related(outsider, "reports", visibleReport)).items.map((i) => i.reference);
    expect(refs).not.toContain(red.reference);
    expect(refs).not.toContain(redReport);
    // The owner sees them (proving the data is there).
    const ownerRefs = (await related(owner, "reports", visibleReport)).items.map((i) => i.reference);
    expect(ownerRefs).toEqual(expect.arrayContaining([red.reference, redReport]));
  });

  it("an unassigned TLP:RED incident holding a value in a note stays hidden too", async () => {
    // Nobody is assigned: the policy's SQL must not let the missing assignee turn "hidden" into "unknown".
    const value = uniqueDomain("unassigned");
    const unassigned = await openIncident(admin, { title: "Hemlig utan ansvarig", reports: [], tlp: "TLP:RED" });
    await call(admin, "POST", `/api/v1/incidents/${unassigned.reference}/notes`, { body: `Vi såg ${value}` });
    const mine = await reportSaying(`Här syns ${value}`);
    expect((await related(outsider, "reports", mine)).items.map((i) => i.reference)).not.toContain(
      unassigned.reference,
    );
    expect((await related(admin, "reports", mine)).items.map((i) => i.reference)).toContain(unassigned.reference);
  });

  it("the hidden cases' own panels, values and exports answer like missing ones", async () => {
    for (const [kind, ref] of [
      ["incidents", red.reference],
      ["reports", redReport],
    ] as const) {
      for (const path of ["related", "observables"]) {
        const res = await call(outsider, "GET", `/api/v1/${kind}/${ref}/${path}`);
        expect(res.statusCode, `${kind} ${path}`).toBe(404);
      }
      const add = await call(outsider, "POST", `/api/v1/${kind}/${ref}/observables`, { value: uniqueDomain() });
      expect(add.statusCode).toBe(404);
    }
    for (const format of ["csv", "stix"])
      expect((await call(outsider, "GET", `/api/v1/incidents/${red.reference}/observables.${format}`)).statusCode).toBe(
        404,
      );
  });

  it("a value only hidden cases hold does not exist, even to tag", async () => {
    const res = await call(outsider, "GET", `/api/v1/observables?value=${onlyRed}`);
    expect(res.statusCode).toBe(404);
    const ownerView = (await call(owner, "GET", `/api/v1/observables?value=${onlyRed}`)).json<ObservableDetail>();
    const tag = await call(outsider, "PATCH", `/api/v1/observables/${ownerView.id}`, { version: 0, tag: "benign" });
    expect(tag.statusCode).toBe(404);
    expect(res.body).toBe((await call(outsider, "GET", `/api/v1/observables?value=${uniqueDomain()}`)).body);
  });

  it("a shared value's page counts, dates and lists only what they may see", async () => {
    const page = (await call(outsider, "GET", `/api/v1/observables?value=${crowded}`)).json<ObservableDetail>();
    expect(page.caseCount).toBe(1);
    expect(page.common).toBe(false);
    expect(page.incidents).toEqual([]);
    expect(page.sightings.items.map((s) => s.reference)).toEqual([visibleReport]);

    const full = (await call(admin, "GET", `/api/v1/observables?value=${crowded}`)).json<ObservableDetail>();
    expect(full.common).toBe(true);
    expect(full.incidents.map((i) => i.reference)).toContain(red.reference);
  });

  it("their own case's not-correlated counts say nothing of hidden cases", async () => {
    const list = await related(outsider, "reports", visibleReport);
    expect(list.notCorrelated.common).toBe(0);
    expect((await values(outsider, "reports", visibleReport)).items.map((i) => i.value)).toEqual(
      expect.arrayContaining([shared, crowded]),
    );
  });
});

describe("a verdict given while only hidden cases held the value", () => {
  /** A TLP:RED incident of the owner's whose report holds `value`, which the owner then judges. */
  async function judgedInSecret(value: string, verdict: { tag?: "malicious"; doNotCorrelate?: boolean }) {
    const report = await reportSaying(`Hemligt: ${value}`);
    await openIncident(owner, { title: "Hemlig bedömning", reports: [report], tlp: "TLP:RED" });
    const seen = (await call(owner, "GET", `/api/v1/observables?value=${value}`)).json<ObservableDetail>();
    const judged = await call(owner, "PATCH", `/api/v1/observables/${seen.id}`, { version: seen.version, ...verdict });
    expect(judged.statusCode, judged.body).toBe(200);
    return judged.json<ObservableDetail>();
  }

  it("is not answered when the value is added by hand to a case they see, nor on its page after", async () => {
    const value = uniqueDomain("judged");
    const secret = await judgedInSecret(value, { tag: "malicious" });
    const mine = await reportSaying("Inget särskilt här");
    const added = await call(outsider, "POST", `/api/v1/reports/${mine}/observables`, { value });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json<CaseObservable>()).toMatchObject({ value, tag: null, doNotCorrelate: false });
    expect((await values(outsider, "reports", mine)).items.find((i) => i.value === value)?.tag).toBeNull();
    const page = (await call(outsider, "GET", `/api/v1/observables?value=${value}`)).json<ObservableDetail>();
    expect(page).toMatchObject({ tag: null, doNotCorrelate: false, version: 0 });
    // Its readers still see it; and the outsider's own verdict is taken against what they saw (no 409).
    expect((await call(owner, "GET", `/api/v1/observables?value=${value}`)).json<ObservableDetail>()).toMatchObject({
      tag: "malicious",
      version: secret.version,
    });
    const theirs = await call(outsider, "PATCH", `/api/v1/observables/${page.id}`, { version: 0, tag: "benign" });
    expect(theirs.statusCode, theirs.body).toBe(200);
    expect(theirs.json<ObservableDetail>().tag).toBe("benign");
  });

  it("answers an id that says nothing of the value's age: random, not the next in a sequence", async () => {
    const old = uniqueDomain("aged");
    await judgedInSecret(old, { tag: "malicious" });
    const mine = await reportSaying("Inget särskilt här heller");
    const added = async (value: string) =>
      Number(
        (await call(outsider, "POST", `/api/v1/reports/${mine}/observables`, { value })).json<CaseObservable>().id,
      );
    const oldId = await added(old);
    const freshIds = [await added(uniqueDomain("fresh")), await added(uniqueDomain("fresh"))];
    // Drawn from [2^52, 2^53): not ordered by creation, and never neighbours as a sequence would make them.
    for (const id of [oldId, ...freshIds]) {
      expect(Number.isSafeInteger(id) && id >= 2 ** 52 && id < 2 ** 53, String(id)).toBe(true);
    }
    expect(Math.abs((freshIds[1] ?? 0) - (freshIds[0] ?? 0))).toBeGreaterThan(1_000_000);
  });

  it("does not stop the value linking the cases they see, nor count as 'do not correlate'", async () => {
    const value = uniqueDomain("quiet");
    await judgedInSecret(value, { doNotCorrelate: true });
    const first = await reportSaying(`Första: ${value}`);
    const second = await reportSaying(`Andra: ${value}`);
    const panel = await related(outsider, "reports", first);
    expect(panel.items.map((i) => i.reference)).toContain(second);
    expect(panel.notCorrelated["do-not-correlate"]).toBe(0);
    // For the owner, who sees the verdict, it does stop it.
    expect((await related(owner, "reports", first)).items.map((i) => i.reference)).not.toContain(second);
  });
});
