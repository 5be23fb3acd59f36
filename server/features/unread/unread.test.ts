import { beforeAll, describe, expect, it } from "vitest";
import type { IncidentsPage } from "../../../contract/incident-list.js";
import type { ReportsPage } from "../../../contract/intake-staff.js";
import type { SeenReceipt, UnreadSummary } from "../../../contract/unread.js";
import type { Dashboard } from "../../../contract/dashboard.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { fixedClock } from "../../platform/clock.js";
import { addIncidentMessage, addMember, insertIncident, linkReport } from "../incidents/list.test-fixtures.js";

const clock = fixedClock(new Date("2026-11-20T10:00:00Z"));
const app = useTestApp({}, clock);
const db = () => app().fyr.deps.db;
const MINUTE = 60_000;

interface Caller {
  token: string;
  userId: string;
}
let duty: Caller;
let analyst: Caller;
let outsider: Caller;

beforeAll(async () => {
  duty = await createTokenFor(app(), { roles: ["duty"] });
  analyst = await createTokenFor(app(), { roles: ["analyst"] });
  outsider = await createTokenFor(app(), { roles: ["analyst"] });
});

async function call<T>(who: Caller, method: "GET" | "PUT", url: string): Promise<T> {
  const res = await app().fyr.http.inject({ method, url, headers: { authorization: `Bearer ${who.token}` } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
}

async function submitReport(): Promise<{ reference: string; token: string }> {
  const res = await app().fyr.http.inject({
    method: "POST",
    url: "/api/public/v1/reports",
    payload: { whatHappened: "Okänd inloggning på vår VPN", reporter: { email: "lisa@example.se" } },
  });
  expect(res.statusCode).toBe(201);
  const body = res.json<{ reference: string; followUpToken: string }>();
  return { reference: body.reference, token: body.followUpToken };
}

async function reply(token: string, body: string): Promise<void> {
  clock.advance(MINUTE);
  const res = await app().fyr.http.inject({
    method: "POST",
    url: "/api/public/v1/follow-up/messages",
    headers: { authorization: `Bearer ${token}` },
    payload: { body },
  });
  expect(res.statusCode, res.body).toBe(201);
}

const seen = (who: Caller, kind: "reports" | "incidents", reference: string) => {
  clock.advance(MINUTE);
  return call<SeenReceipt>(who, "PUT", `/api/v1/${kind}/${encodeURIComponent(reference)}/seen`);
};
const inbox = async (who: Caller, sort = "received") =>
  (await call<ReportsPage>(who, "GET", `/api/v1/reports?limit=500&sort=${sort}`)).items;
const incidents = async (who: Caller, sort = "updated") =>
  (await call<IncidentsPage>(who, "GET", `/api/v1/incidents?limit=500&sort=${sort}`)).items;
const summary = (who: Caller) => call<UnreadSummary>(who, "GET", "/api/v1/unread");
const board = (who: Caller) => call<Dashboard>(who, "GET", "/api/v1/dashboard");

describe("new since you looked", () => {
  it("marks a report new until opened, and again when its reporter replies", async () => {
    const report = await submitReport();
    const row = async () => (await inbox(duty)).find((r) => r.reference === report.reference);
    expect((await row())?.unread).toBe(true);
    const first = await seen(duty, "reports", report.reference);
    expect(first.previousSeenAt).toBeNull();
    expect((await row())?.unread).toBe(false);
    // Someone else's look is theirs alone.
    expect((await inbox(analyst)).find((r) => r.reference === report.reference)?.unread).toBe(true);

    const before = await summary(duty);
    await reply(report.token, "Vi har nu även sett det på en andra server.");
    const after = await summary(duty);
    expect(after.reports).toBe(before.reports + 1);
    expect(after.stamp).not.toBe(before.stamp);
    expect((await row())?.unread).toBe(true);
    expect((await inbox(duty, "unread"))[0]?.unread).toBe(true);
    expect((await board(duty)).newReplies.map((r) => r.reference)).toContain(report.reference);

    const second = await seen(duty, "reports", report.reference);
    expect(second.previousSeenAt).toBe(first.seenAt);
    expect((await row())?.unread).toBe(false);
    expect((await summary(duty)).reports).toBe(before.reports);
  });

  it("brings a stalled incident back to open on a follow-up reply, shows it updated and new", async () => {
    const report = await submitReport();
    const incident = await insertIncident(db(), {
      status: "stalled",
      pausedAt: clock.now(),
      dueAt: new Date(clock.now().getTime() + 3_600_000),
      createdAt: new Date(clock.now().getTime() - 3_600_000),
    });
    await linkReport(db(), incident.id, report.reference);
    await seen(analyst, "incidents", incident.reference);
    const row = async () => (await incidents(analyst)).find((i) => i.reference === incident.reference);
    expect((await row())?.unread).toBe(false);

    await reply(report.token, "Här är loggarna ni bad om.");
    const after = await row();
    expect(after).toMatchObject({ status: "open", unread: true, updatedAt: clock.now().toISOString() });
    expect((await incidents(analyst, "unread"))[0]?.reference).toBe(incident.reference);
    await seen(analyst, "incidents", incident.reference);
    expect((await row())?.unread).toBe(false);

    // A third party's answer in a thread is a reply too.
    clock.advance(MINUTE);
    await addIncidentMessage(db(), incident.id, {
      subject: "Re: logs",
      body: "Svar från leverantören",
      sentAt: clock.now(),
    });
    expect((await row())?.unread).toBe(true);
  });

  it("never counts, badges or lists a reply on a report hidden by a TLP:RED incident", async () => {
    const report = await submitReport();
    const red = await insertIncident(db(), { tlp: "TLP:RED", assigneeId: analyst.userId, status: "open" });
    const shared = await insertIncident(db(), { status: "open" });
    await linkReport(db(), red.id, report.reference);
    await linkReport(db(), shared.id, report.reference);
    await addMember(db(), red.id, duty.userId);
    for (const who of [outsider, duty]) await seen(who, "incidents", shared.reference);
    const before = await summary(outsider);

    await reply(report.token, "Ny information om angriparen.");
    const after = await summary(outsider);
    expect(after.reports).toBe(before.reports);
    expect(after.incidents).toBe(before.incidents);
    expect((await incidents(outsider)).find((i) => i.reference === shared.reference)?.unread).toBe(false);
    expect((await incidents(outsider)).map((i) => i.reference)).not.toContain(red.reference);
    expect((await board(outsider)).newReplies.map((r) => r.reference)).not.toContain(report.reference);
    const res = await app().fyr.http.inject({
      method: "PUT",
      url: `/api/v1/reports/${report.reference}/seen`,
      headers: { authorization: `Bearer ${outsider.token}` },
    });
    expect(res.statusCode).toBe(404);

    // Those who see the RED incident see it all.
    expect((await incidents(duty)).find((i) => i.reference === shared.reference)?.unread).toBe(true);
    expect((await board(duty)).newReplies.map((r) => r.reference)).toEqual(
      expect.arrayContaining([report.reference, red.reference, shared.reference]),
    );
  });
});
