import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { makeFeedEvents } from "../feeds/test-fixtures.js";
import { tempDataDir } from "../intake/test-fixtures.js";
import { observablesClient, uniqueDomain, uniqueIp } from "./observables.test-fixtures.js";

// Feed events as sightings: a case's related panel says in which feeds its addresses, domains and URLs
// were seen and when last ("seen in scan_rdp on 30 Nov"), a few feeds per value, TLP:AMBER.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { reportSaying, related } = observablesClient(app);

let analyst = "";
let observer = "";
beforeAll(async () => {
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
  observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
});

describe("feed sightings on the related panel", () => {
  it("names the feeds that saw the case's values and when last, newest first, at most three per value", async () => {
    const ip = uniqueIp();
    const domain = uniqueDomain("c2");
    const url = `https://${uniqueDomain("phish")}/login`;
    const unseen = uniqueIp();
    const report = await reportSaying(`Trafik från ${ip} till ${domain}, länk ${url}, och ${unseen}`);
    const day = (d: number) => new Date(Date.UTC(2026, 10, d, 8)).toISOString();
    const older = await makeFeedEvents(app(), [
      { time: day(1), ip },
      { time: day(2), ip },
    ]);
    const feeds = [];
    for (const d of [3, 4, 5, 6]) feeds.push(await makeFeedEvents(app(), [{ time: day(d), ip }]));
    const named = await makeFeedEvents(app(), [
      { time: day(7), fqdn: domain },
      { time: day(8), url },
    ]);

    const list = await related(analyst, "reports", report);
    const ofIp = list.feedSightings.filter((s) => s.value === ip);
    expect(ofIp.map((s) => s.feed)).toEqual([feeds[3]?.name, feeds[2]?.name, feeds[1]?.name]);
    expect(ofIp[0]).toMatchObject({ type: "ipv4", lastSeen: day(6), tlp: "TLP:AMBER" });
    expect(list.feedSightings.map((s) => s.feed)).not.toContain(older.name);
    expect(list.feedSightings.filter((s) => s.value !== ip)).toEqual([
      { type: "url", value: url, feed: named.name, lastSeen: day(8), tlp: "TLP:AMBER" },
      { type: "domain", value: domain, feed: named.name, lastSeen: day(7), tlp: "TLP:AMBER" },
    ]);
    expect(list.feedSightings.some((s) => s.value === unseen)).toBe(false);
    // Observers read events, so they see the sightings too.
    expect((await related(observer, "reports", report)).feedSightings).toHaveLength(5);
  });
});
