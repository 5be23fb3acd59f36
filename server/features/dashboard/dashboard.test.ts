import { beforeAll, describe, expect, it } from "vitest";
import type { Dashboard } from "../../../contract/dashboard.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { fixedClock } from "../../platform/clock.js";
import { addMember, insertIncident, linkReport } from "../incidents/list.test-fixtures.js";

// 10:00 UTC = 11:00 in Stockholm on 20 November 2026.
const NOW = new Date("2026-11-20T10:00:00Z");
const clock = fixedClock(NOW);
const app = useTestApp({ FYR_TIME_ZONE: "Europe/Stockholm", FYR_ACK_TARGET_MINUTES: "60" }, clock);
const db = () => app().fyr.deps.db;
const HOUR = 3_600_000;
const before = (hours: number) => new Date(NOW.getTime() - hours * HOUR);

interface Caller {
  token: string;
  userId: string;
}
let analyst: Caller;
let other: Caller;
let member: Caller;
let admin: Caller;
let observer: Caller;
let publisher: Caller;
beforeAll(async () => {
  analyst = await createTokenFor(app(), { roles: ["analyst"] });
  other = await createTokenFor(app(), { roles: ["analyst"] });
  member = await createTokenFor(app(), { roles: ["duty"] });
  admin = await createTokenFor(app(), { roles: ["admin"] });
  observer = await createTokenFor(app(), { roles: ["observer"] });
  publisher = await createTokenFor(app(), { roles: ["publisher"] });
});

async function board(who: Caller): Promise<Dashboard> {
  const res = await app().fyr.http.inject({
    method: "GET",
    url: "/api/v1/dashboard",
    headers: { authorization: `Bearer ${who.token}` },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Dashboard>();
}
/** What changed in the counts between two readings. */
function delta(a: Dashboard, b: Dashboard) {
  return {
    waiting: b.unacknowledged.total - a.unacknowledged.total,
    overdue: b.overdueIncidents.total - a.overdueIncidents.total,
    received: b.today.reportsReceived - a.today.reportsReceived,
    opened: b.today.incidentsOpened - a.today.incidentsOpened,
    resolved: b.today.incidentsResolved - a.today.incidentsResolved,
    critical: b.openBySeverity.critical - a.openBySeverity.critical,
  };
}
async function submitReport(nis2 = false): Promise<string> {
  const res = await app().fyr.http.inject({
    method: "POST",
    url: "/api/public/v1/reports",
    payload: {
      whatHappened: "Intrång i e-postsystemet",
      reporter: { email: "anna@example.se" },
      ...(nis2 ? { nis2: { applies: true } } : {}),
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json<{ reference: string }>().reference;
}

describe("duty dashboard", () => {
  it("shows waiting reports oldest first with their acknowledgement clocks", async () => {
    const old = await submitReport();
    await db()
      .updateTable("reports")
      .set({ received_at: before(2) })
      .where("reference", "=", old)
      .execute();
    const fresh = await submitReport();
    const view = await board(observer);
    const refs = view.unacknowledged.items.map((r) => r.reference);
    expect(refs.indexOf(old)).toBeLessThan(refs.indexOf(fresh));
    expect(view.unacknowledged.items.find((r) => r.reference === old)).toMatchObject({
      ageSeconds: 7200,
      ackTargetMinutes: 60,
      overdue: true,
    });
    expect(view.unacknowledged.items.find((r) => r.reference === fresh)).toMatchObject({
      ageSeconds: 0,
      overdue: false,
    });
    expect(view.today).toMatchObject({ date: "2026-11-20", timeZone: "Europe/Stockholm" });
  });

  it("counts today in the CERT's time zone", async () => {
    const start = await board(admin);
    await insertIncident(db(), { createdAt: new Date("2026-11-19T23:30:00Z") }); // 00:30 on the 20th in Stockholm
    await insertIncident(db(), { createdAt: new Date("2026-11-19T22:30:00Z") }); // 23:30 on the 19th
    await insertIncident(db(), { status: "resolved", createdAt: before(30), resolvedAt: before(1) });
    expect(delta(start, await board(admin))).toMatchObject({ opened: 1, resolved: 1 });
  });

  it("lists overdue incidents due soonest first", async () => {
    const late = await insertIncident(db(), { status: "open", dueAt: before(3), severity: "high" });
    const later = await insertIncident(db(), { status: "new", dueAt: before(1) });
    await insertIncident(db(), { status: "stalled", dueAt: before(5), pausedAt: before(6) });
    const items = (await board(analyst)).overdueIncidents.items.map((i) => i.reference);
    expect(items.indexOf(late.reference)).toBeGreaterThanOrEqual(0);
    expect(items.indexOf(late.reference)).toBeLessThan(items.indexOf(later.reference));
    expect((await board(analyst)).overdueIncidents.items.every((i) => i.overdue)).toBe(true);
  });

  it("answers 403 to roles that do not read incidents", async () => {
    const res = await app().fyr.http.inject({
      method: "GET",
      url: "/api/v1/dashboard",
      headers: { authorization: `Bearer ${publisher.token}` },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe("duty dashboard: the work", () => {
  it("puts NIS2 reports first among those waiting, and lists the NIS2 deadlines of the next 24 hours", async () => {
    const plain = await submitReport();
    await db()
      .updateTable("reports")
      .set({ received_at: before(3) })
      .where("reference", "=", plain)
      .execute();
    const nis2 = await submitReport(true);
    const view = await board(member);
    const refs = view.unacknowledged.items.map((r) => r.reference);
    expect(refs.indexOf(nis2)).toBeLessThan(refs.indexOf(plain));
    // The early warning came with the report: the CERT owes its initial feedback within 24 hours.
    expect(view.nis2Due).toContainEqual(
      expect.objectContaining({ reference: nis2, kind: "cert-initial-feedback", party: "cert", overdue: false }),
    );
    expect(view.nis2Due.map((d) => d.reference)).not.toContain(plain);

    // Once the incident it is in is resolved, nothing more is due.
    const incident = await insertIncident(db(), { status: "resolved", resolvedAt: NOW });
    await linkReport(db(), incident.id, nis2);
    expect((await board(member)).nis2Due.map((d) => d.reference)).not.toContain(nis2);
  });

  it("shows my own overdue incidents apart from everyone's", async () => {
    const mine = await insertIncident(db(), { status: "open", dueAt: before(2), assigneeId: member.userId });
    const theirs = await insertIncident(db(), { status: "open", dueAt: before(2), assigneeId: other.userId });
    const view = await board(member);
    expect(view.myOverdueIncidents.map((i) => i.reference)).toContain(mine.reference);
    expect(view.myOverdueIncidents.map((i) => i.reference)).not.toContain(theirs.reference);
    expect(view.overdueIncidents.items.map((i) => i.reference)).toContain(theirs.reference);
  });

  it("tells administrators, and only them, of failed jobs and mail, with audit entries naming people", async () => {
    await db()
      .insertInto("jobs")
      .values({ name: "mail.send", payload: JSON.stringify({}), status: "failed", attempts: 5, max_attempts: 5 })
      .execute();
    const forAdmin = await board(admin);
    expect(forAdmin.operations?.failedJobs).toBeGreaterThanOrEqual(1);
    expect(forAdmin.operations?.latestAudit.length).toBeGreaterThan(0);
    expect((await board(member)).operations).toBeNull();
  });
});

describe("duty dashboard: TLP:RED", () => {
  it("does not let a TLP:RED incident or its reports change a non-member's numbers", async () => {
    const callers = [other, observer, analyst, member, admin];
    const start = await Promise.all(callers.map(board));

    const red = await insertIncident(db(), {
      tlp: "TLP:RED",
      assigneeId: analyst.userId,
      status: "open",
      severity: "critical",
      createdAt: before(1),
      dueAt: before(0.5),
    });
    await addMember(db(), red.id, member.userId);
    const closed = await insertIncident(db(), {
      tlp: "TLP:RED",
      assigneeId: analyst.userId,
      status: "resolved",
      createdAt: before(2),
      resolvedAt: before(1),
    });
    await addMember(db(), closed.id, member.userId);
    const report = await submitReport();
    await linkReport(db(), red.id, report);

    const after = await Promise.all(callers.map(board));
    const [forOther, forObserver, ...forThem] = callers.map((_, i) => {
      const a = start[i];
      const b = after[i];
      if (!a || !b) throw new Error("missing reading");
      return { delta: delta(a, b), after: b };
    });
    for (const hidden of [forOther, forObserver]) {
      expect(hidden?.delta).toEqual({ waiting: 0, overdue: 0, received: 0, opened: 0, resolved: 0, critical: 0 });
      expect(hidden?.after.overdueIncidents.items.map((i) => i.reference)).not.toContain(red.reference);
      expect(hidden?.after.unacknowledged.items.map((r) => r.reference)).not.toContain(report);
    }
    for (const seeing of forThem) {
      expect(seeing.delta).toEqual({ waiting: 1, overdue: 1, received: 1, opened: 2, resolved: 1, critical: 1 });
      expect(seeing.after.overdueIncidents.items.map((i) => i.reference)).toContain(red.reference);
      expect(seeing.after.unacknowledged.items.map((r) => r.reference)).toContain(report);
    }
  });
});
