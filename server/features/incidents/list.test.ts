import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { IncidentsPage } from "../../../contract/incident-list.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { addMember, insertIncident, linkReport } from "./list.test-fixtures.js";

const app = useTestApp();
const db = () => app().fyr.deps.db;

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

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR);
/** A class name of its own, so a test's `class=` filter sees only its own incidents. */
const uniqueClass = () => `test-${randomBytes(5).toString("hex")}`;

const get = (url: string, who: Caller = analyst) =>
  app().fyr.http.inject({ method: "GET", url, headers: { authorization: `Bearer ${who.token}` } });
async function list(query: string, who: Caller = analyst): Promise<IncidentsPage> {
  const res = await get(`/api/v1/incidents?${query}`, who);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<IncidentsPage>();
}
const refs = (page: IncidentsPage) => page.items.map((i) => i.reference);
/** Every page of a listing, following nextCursor. */
async function allPages(query: string, who: Caller = analyst): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 50; guard++) {
    const page = await list(`${query}${cursor ? `&cursor=${cursor}` : ""}`, who);
    seen.push(...refs(page));
    cursor = page.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error("pagination did not end");
}

describe("incident list: views and filters", () => {
  it("answers each view with what it promises", async () => {
    const cls = uniqueClass();
    const mk = (f: Parameters<typeof insertIncident>[1]) =>
      insertIncident(db(), { rsitClass: cls, rsitType: "x", ...f });
    const mineOpen = await mk({ status: "open", assigneeId: analyst.userId, createdAt: ago(5) });
    const unassignedNew = await mk({ status: "new", createdAt: ago(4), dueAt: ago(1) });
    const stalled = await mk({
      status: "stalled",
      assigneeId: other.userId,
      createdAt: ago(3),
      dueAt: ago(2),
      pausedAt: ago(2.5),
    });
    const resolved = await mk({ status: "resolved", assigneeId: analyst.userId, createdAt: ago(2), dueAt: ago(1) });
    const futureDue = await mk({
      status: "open",
      assigneeId: other.userId,
      createdAt: ago(1),
      dueAt: new Date(Date.now() + HOUR),
    });

    expect(refs(await list(`class=${cls}`))).toEqual(
      [futureDue, resolved, stalled, unassignedNew, mineOpen].map((i) => i.reference),
    );
    expect(refs(await list(`class=${cls}&view=mine`))).toEqual([resolved, mineOpen].map((i) => i.reference));
    expect(refs(await list(`class=${cls}&assignee=me&status=open`))).toEqual([mineOpen.reference]);
    expect(refs(await list(`class=${cls}&view=unassigned`))).toEqual([unassignedNew.reference]);
    expect(refs(await list(`class=${cls}&view=overdue`))).toEqual([unassignedNew.reference]);
    expect(refs(await list(`class=${cls}&view=stalled`))).toEqual([stalled.reference]);
    expect(refs(await list(`class=${cls}&view=open`))).toEqual(
      [futureDue, stalled, unassignedNew, mineOpen].map((i) => i.reference),
    );
    // A status filter narrows a view; one outside it leaves nothing.
    expect(refs(await list(`class=${cls}&view=open&status=new,stalled`))).toEqual(
      [stalled, unassignedNew].map((i) => i.reference),
    );
    expect((await list(`class=${cls}&view=open&status=resolved`)).items).toEqual([]);
    expect(refs(await list(`class=${cls}&assignee=${other.userId}`))).toEqual(
      [futureDue, stalled].map((i) => i.reference),
    );

    const page = await list(`class=${cls}&view=overdue`);
    expect(page.items[0]).toMatchObject({ status: "new", overdue: true, assignee: null, reportCount: 0 });
    const stalledItem = (await list(`class=${cls}&view=stalled`)).items[0];
    expect(stalledItem).toMatchObject({ overdue: false, pausedAt: expect.any(String) });
    const mine = (await list(`class=${cls}&view=mine&status=open`)).items[0];
    expect(mine?.assignee).toMatchObject({ id: analyst.userId, email: expect.stringContaining("@") });
    expect(mine?.classification).toEqual({ class: cls, type: "x" });
  });

  it("filters by severity, TLP, sector and words in the title or reference, in Swedish and English", async () => {
    const cls = uniqueClass();
    const a = await insertIncident(db(), {
      rsitClass: cls,
      rsitType: "x",
      severity: "high",
      tlp: "TLP:GREEN",
      sectors: ["energy"],
      title: "Krypterade filer hos kommunen",
      createdAt: ago(2),
    });
    const b = await insertIncident(db(), {
      rsitClass: cls,
      rsitType: "x",
      severity: "low",
      title: "Phishing campaign against the hospitals",
      sectors: ["health"],
      createdAt: ago(1),
    });
    expect(refs(await list(`class=${cls}&severity=high,critical`))).toEqual([a.reference]);
    expect(refs(await list(`class=${cls}&tlp=TLP:GREEN`))).toEqual([a.reference]);
    expect(refs(await list(`class=${cls}&sector=health`))).toEqual([b.reference]);
    // Swedish stem: "krypterad" finds "Krypterade"; English stem: "hospital" finds "hospitals".
    expect(refs(await list(`class=${cls}&q=krypterad`))).toEqual([a.reference]);
    expect(refs(await list(`class=${cls}&q=hospital`))).toEqual([b.reference]);
    // Part of a reference, whatever the case; LIKE wildcards are taken literally.
    expect(refs(await list(`class=${cls}&q=${b.reference.slice(8, 18).toLowerCase()}`))).toEqual([b.reference]);
    expect((await list(`class=${cls}&q=%25`)).items).toEqual([]);
  });

  it("counts linked reports", async () => {
    const cls = uniqueClass();
    const incident = await insertIncident(db(), { rsitClass: cls, rsitType: "x" });
    for (let i = 0; i < 2; i++) {
      const res = await app().fyr.http.inject({
        method: "POST",
        url: "/api/public/v1/reports",
        payload: { whatHappened: "Intrång", reporter: { email: "a@example.se" } },
      });
      await linkReport(db(), incident.id, res.json<{ reference: string }>().reference);
    }
    expect((await list(`class=${cls}`)).items[0]?.reportCount).toBe(2);
  });

  it("refuses bad input with every bad field, and roles that do not read incidents", async () => {
    const bad = await get("/api/v1/incidents?view=nope&severity=urgent&limit=501");
    expect(bad.statusCode).toBe(400);
    const paths = bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringContaining("view"),
        expect.stringContaining("severity"),
        expect.stringContaining("limit"),
      ]),
    );
    expect((await get("/api/v1/incidents", publisher)).statusCode).toBe(403);
    expect((await get("/api/v1/incidents", observer)).statusCode).toBe(200);
  });
});

describe("incident list: keyset pages", () => {
  it("neither repeats nor skips rows under ties, in every sort", async () => {
    const cls = uniqueClass();
    const same = ago(3);
    const due = ago(1);
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      const row = await insertIncident(db(), {
        rsitClass: cls,
        rsitType: "x",
        createdAt: same,
        updatedAt: same,
        severity: i % 2 === 0 ? "critical" : "low",
        dueAt: i < 4 ? due : null,
        status: "open",
      });
      made.push(row.reference);
    }
    for (const sort of ["created", "updated", "due", "severity"]) {
      const whole = refs(await list(`class=${cls}&sort=${sort}&limit=500`));
      expect(whole.toSorted()).toEqual(made.toSorted());
      for (const limit of [1, 2, 3]) expect(await allPages(`class=${cls}&sort=${sort}&limit=${limit}`)).toEqual(whole);
    }
  });

  it("orders due soonest first with no due date last, and severity critical first then newest", async () => {
    const cls = uniqueClass();
    const mk = (f: Parameters<typeof insertIncident>[1]) =>
      insertIncident(db(), { rsitClass: cls, rsitType: "x", ...f });
    const late = await mk({ dueAt: ago(-5), severity: "low", createdAt: ago(3) });
    const none = await mk({ dueAt: null, severity: "critical", createdAt: ago(2) });
    const soon = await mk({ dueAt: ago(-1), severity: "critical", createdAt: ago(1) });
    expect(await allPages(`class=${cls}&sort=due&limit=1`)).toEqual([soon, late, none].map((i) => i.reference));
    expect(await allPages(`class=${cls}&sort=severity&limit=1`)).toEqual([soon, none, late].map((i) => i.reference));
  });

  it("refuses a cursor it did not give out, or one from another sort", async () => {
    for (const cursor of ["garbage", Buffer.from('{"s":"created"}').toString("base64url")]) {
      const res = await get(`/api/v1/incidents?cursor=${cursor}`);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: "invalid_cursor" });
    }
    const cls = uniqueClass();
    await insertIncident(db(), { rsitClass: cls, rsitType: "x" });
    await insertIncident(db(), { rsitClass: cls, rsitType: "x" });
    const { nextCursor } = await list(`class=${cls}&limit=1`);
    expect(nextCursor).toBeTruthy();
    const res = await get(`/api/v1/incidents?class=${cls}&sort=due&cursor=${nextCursor ?? ""}`);
    expect(res.json()).toMatchObject({ code: "invalid_cursor" });
  });
});

describe("incident list: TLP:RED", () => {
  it("shows a TLP:RED incident only to its assignee, its members and admins", async () => {
    const cls = uniqueClass();
    const red = await insertIncident(db(), {
      rsitClass: cls,
      rsitType: "x",
      tlp: "TLP:RED",
      assigneeId: analyst.userId,
    });
    await addMember(db(), red.id, member.userId);
    const amber = await insertIncident(db(), { rsitClass: cls, rsitType: "x", createdAt: ago(1) });
    for (const who of [analyst, member, admin]) {
      expect(refs(await list(`class=${cls}`, who))).toEqual([red.reference, amber.reference]);
    }
    for (const who of [other, observer]) {
      expect(refs(await list(`class=${cls}`, who))).toEqual([amber.reference]);
      expect((await list(`q=${red.reference}`, who)).items).toEqual([]);
      expect((await list(`class=${cls}&tlp=TLP:RED`, who)).items).toEqual([]);
      expect((await list(`class=${cls}&assignee=${analyst.userId}`, who)).items).toEqual([]);
    }
  });

  it("does not count a report the caller may not see, linked to another TLP:RED incident", async () => {
    const cls = uniqueClass();
    const res = await app().fyr.http.inject({
      method: "POST",
      url: "/api/public/v1/reports",
      payload: { whatHappened: "Intrång", reporter: { email: "a@example.se" } },
    });
    const report = res.json<{ reference: string }>().reference;
    const visible = await insertIncident(db(), { rsitClass: cls, rsitType: "x" });
    const red = await insertIncident(db(), { tlp: "TLP:RED", assigneeId: analyst.userId });
    await linkReport(db(), visible.id, report);
    await linkReport(db(), red.id, report);
    expect((await list(`class=${cls}`, other)).items[0]?.reportCount).toBe(0);
    expect((await list(`class=${cls}`, analyst)).items[0]?.reportCount).toBe(1);
  });
});
