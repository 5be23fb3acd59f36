import { beforeAll, describe, expect, it } from "vitest";
import type { Statistics } from "../../../contract/statistics.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { fixedClock } from "../../platform/clock.js";
import { addMember } from "../incidents/list.test-fixtures.js";
import { refreshStatistics } from "./refresh.js";
import {
  audit,
  seedEvent,
  seedFeedRun,
  seedIncident,
  seedLink,
  seedReport,
  seedStage,
} from "./statistics.test-fixtures.js";

// Each test works in a year of its own (2031, 2032, …) so that none counts another's cases.
const clock = fixedClock(new Date("2040-01-01T00:00:00Z"));
const app = useTestApp({}, clock);
const db = () => app().fyr.deps.db;
const HOUR = 3600;

interface Caller {
  token: string;
  userId: string;
}
let observer: Caller;
let admin: Caller;
let named: Caller;
beforeAll(async () => {
  observer = await createTokenFor(app(), { roles: ["observer"] });
  admin = await createTokenFor(app(), { roles: ["admin"] });
  named = await createTokenFor(app(), { roles: ["analyst"] });
});

async function get(who: Caller, query: string) {
  return app().fyr.http.inject({
    method: "GET",
    url: `/api/v1/statistics?${query}`,
    headers: { authorization: `Bearer ${who.token}` },
  });
}
async function stats(who: Caller, query: string): Promise<Statistics> {
  const res = await get(who, query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Statistics>();
}
const year = (y: number) => `from=${y}-01-01&to=${y + 1}-01-01`;

describe("statistics from history", () => {
  it("measures the KPIs from the timeline and audit trail, not the incident's current fields", async () => {
    const report = await seedReport(db(), {
      receivedAt: "2031-03-01T10:00:00Z",
      // The field says evening; the audit trail says half an hour.
      acknowledgedAt: "2031-03-01T18:00:00Z",
      sector: null,
    });
    await audit(db(), "2031-03-01T10:30:00Z", "report.acknowledged", { type: "report", id: report.reference });
    // Current fields: low, fraud, never contained or resolved, opened at noon.
    const incident = await seedIncident(
      db(),
      { createdAt: "2031-03-01T11:00:00Z", severity: "low", rsitClass: "fraud", sectors: ["health"], status: "open" },
      "medium",
    );
    await seedLink(db(), incident, report, "2031-03-01T11:00:00Z");
    await seedEvent(db(), incident, "message_out", "2031-03-01T11:30:00Z", {});
    await seedEvent(db(), incident, "field", "2031-03-01T12:00:00Z", {
      field: "severity",
      from: "medium",
      to: "critical",
    });
    await seedEvent(db(), incident, "field", "2031-03-01T12:05:00Z", {
      field: "classification",
      from: null,
      to: { class: "intrusions", type: "system-compromise" },
    });
    await seedEvent(db(), incident, "field", "2031-03-01T12:06:00Z", { field: "sectors", from: [], to: ["energy"] });
    await seedEvent(db(), incident, "field", "2031-03-01T15:00:00Z", {
      field: "containedAt",
      from: null,
      to: "2031-03-01T14:00:00.000Z",
    });
    await seedEvent(db(), incident, "status", "2031-03-02T10:00:00Z", { from: "open", to: "resolved" });

    const s = await stats(observer, `${year(2031)}&groupBy=severity`);
    expect(s.reports).toBe(1);
    expect(s.incidents).toBe(1);
    expect(s.timeToAcknowledge).toEqual({ p50: 0.5 * HOUR, p90: 0.5 * HOUR, count: 1 });
    expect(s.timeToFirstResponse.p50).toBe(1.5 * HOUR);
    expect(s.timeToContainment.p50).toBe(4 * HOUR);
    expect(s.timeToResolve.p50).toBe(24 * HOUR);
    expect(s.groups.find((g) => g.key === "critical")?.incidents).toBe(1);
    expect(s.groups.find((g) => g.key === "low")).toBeUndefined();
    expect(s.incidentsByClass).toEqual([{ key: "intrusions", count: 1 }]);
    expect(s.incidentsBySector).toEqual([{ key: "energy", count: 1 }]);
    expect(s.reportsByChannel).toEqual([{ key: "web", count: 1 }]);

    const byMonth = await stats(observer, `${year(2031)}&groupBy=month`);
    expect(byMonth.groups.map((g) => g.key)).toEqual(["2031-03"]);
    // The report is counted under its incident's attributes.
    const byClass = await stats(observer, `${year(2031)}&groupBy=class`);
    expect(byClass.groups).toMatchObject([{ key: "intrusions", reports: 1, incidents: 1 }]);
  });

  it("follows a reopened incident: resolved only when the last status move is to resolved", async () => {
    const incident = await seedIncident(db(), {
      createdAt: "2032-05-01T00:00:00Z",
      status: "resolved",
      resolvedAt: "2032-05-02T00:00:00Z",
    });
    await seedEvent(db(), incident, "status", "2032-05-02T00:00:00Z", { from: "open", to: "resolved" });
    await seedEvent(db(), incident, "status", "2032-05-03T00:00:00Z", { from: "resolved", to: "open" });
    const s = await stats(admin, year(2032));
    expect(s.incidents).toBe(1);
    expect(s.timeToResolve).toEqual({ p50: null, p90: null, count: 0 });
    await seedEvent(db(), incident, "status", "2032-05-04T00:00:00Z", { from: "open", to: "resolved" });
    expect((await stats(admin, year(2032))).timeToResolve.p50).toBe(3 * 24 * HOUR);
  });

  it("counts NIS2 deadlines met, missed and pending, the entity's and the CERT's own", async () => {
    clock.set(new Date("2033-06-10T00:00:00Z"));
    try {
      const r = await seedReport(db(), {
        receivedAt: "2033-06-01T08:00:00Z",
        nis2: { awareAt: "2033-06-01T06:00:00Z" },
      });
      // Early warning in time; the CERT answers 30 hours later (late); no notification ever (late by now).
      await seedStage(db(), r.id, "early-warning", "2033-06-01T08:00:00Z");
      await audit(db(), "2033-06-02T14:00:00Z", "report.acknowledged", { type: "report", id: r.reference });
      const s = await stats(admin, "from=2033-06-01&to=2033-07-01");
      const kind = (k: string) => s.nis2.byDeadline.find((d) => d.kind === k);
      expect(kind("early-warning")).toMatchObject({ party: "reporter", onTime: 1, late: 0 });
      expect(kind("cert-initial-feedback")).toMatchObject({ party: "cert", onTime: 0, late: 1 });
      expect(kind("notification")).toMatchObject({ onTime: 0, late: 1 });
      expect(s.nis2.late).toBe(2);
    } finally {
      clock.set(new Date("2040-01-01T00:00:00Z"));
    }
  });

  it("leaves a TLP:RED incident out of every figure for those who may not see it", async () => {
    await seedIncident(db(), { createdAt: "2034-02-01T00:00:00Z", rsitClass: "fraud", sectors: ["banking"] });
    const red = await seedIncident(db(), {
      createdAt: "2034-02-02T00:00:00Z",
      rsitClass: "malicious-code",
      sectors: ["energy"],
      tlp: "TLP:RED",
    });
    const report = await seedReport(db(), { receivedAt: "2034-02-01T23:00:00Z", channel: "email" });
    await seedLink(db(), red, report, "2034-02-02T00:00:00Z");
    await addMember(db(), red.id, named.userId);
    await audit(db(), "2034-02-02T00:00:00Z", "incident.member_added", { type: "incident", id: red.reference });

    for (const groupBy of ["class", "sector", "month", "severity"]) {
      const s = await stats(observer, `${year(2034)}&groupBy=${groupBy}`);
      expect(s.incidents).toBe(1);
      expect(s.reports).toBe(0);
      expect(JSON.stringify(s)).not.toContain("malicious-code");
      expect(s.reportsByChannel).toEqual([]);
      expect(s.incidentsBySector).toEqual([{ key: "banking", count: 1 }]);
    }
    const csv = (await get(observer, `${year(2034)}&groupBy=class&format=csv`)).body;
    expect(csv).not.toContain("malicious-code");
    for (const who of [admin, named]) {
      const s = await stats(who, `${year(2034)}&groupBy=class`);
      expect(s.incidents).toBe(2);
      expect(s.incidentsByClass.map((c) => c.key).sort()).toEqual(["fraud", "malicious-code"]);
    }
  });

  it("notes a change of taxonomy version in the period", async () => {
    await seedIncident(db(), { createdAt: "2035-01-10T00:00:00Z", rsitClass: "fraud", rsitVersion: 1 });
    await seedIncident(db(), { createdAt: "2035-03-10T00:00:00Z", rsitClass: "fraud", rsitVersion: 1003 });
    const s = await stats(observer, year(2035));
    expect(s.taxonomy).toEqual({ versions: [1, 1003], changed: true });
    expect((await stats(observer, "from=2035-03-01&to=2035-04-01")).taxonomy.changed).toBe(false);
  });

  it("counts feed events by type once per finished run, and a running run's live", async () => {
    await seedFeedRun(db(), "stats-open-rdp", "2036-04-02", 7);
    await seedFeedRun(db(), "stats-open-rdp", "2036-04-03", 3, "running");
    await refreshStatistics(db(), clock);
    await refreshStatistics(db(), clock);
    const s = await stats(observer, year(2036));
    expect(s.eventsByType).toEqual([{ key: "stats-open-rdp", count: 10 }]);
    expect(s.events).toBe(10);
    const day = await stats(observer, "from=2036-04-03&to=2036-04-04");
    expect(day.events).toBe(3);
  });

  it("compares with the previous period and exports CSV", async () => {
    await seedIncident(db(), { createdAt: "2037-02-15T00:00:00Z", severity: "high" });
    await seedIncident(db(), { createdAt: "2038-02-15T00:00:00Z", severity: "high" });
    await seedIncident(db(), { createdAt: "2038-03-15T00:00:00Z", severity: "low" });
    const s = await stats(observer, `${year(2038)}&compare=previous`);
    expect(s.incidents).toBe(2);
    expect(s.previous?.incidents).toBe(1);
    expect(s.previous?.from).toBe("2037-01-01T00:00:00.000Z");
    const res = await get(observer, `${year(2038)}&compare=previous&groupBy=severity&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    const lines = res.body.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toMatch(/^period,severity,reports,incidents,timeToAcknowledge\.p50\.hours/);
    expect(lines).toContain("previous,high,0,1,,,0,,,0,,,0,,,0");
    expect(lines.some((l) => l.startsWith("current,total,0,2,"))).toBe(true);
  });
});

describe("statistics access and input", () => {
  it("refuses a period that ends before it starts, naming the field", async () => {
    const res = await get(observer, "from=2031-02-01&to=2031-01-01");
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(["querystring.from"]);
    const bad = await get(observer, "from=yesterday&groupBy=colour");
    expect(bad.statusCode).toBe(400);
    const paths = bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([expect.stringContaining("from"), expect.stringContaining("groupBy")]),
    );
  });

  it("is for case readers only", async () => {
    const publisher = await createTokenFor(app(), { roles: ["publisher"] });
    expect((await get(publisher, year(2031))).statusCode).toBe(403);
    const anonymous = await app().fyr.http.inject({ method: "GET", url: "/api/v1/statistics" });
    expect(anonymous.statusCode).toBe(401);
  });
});
