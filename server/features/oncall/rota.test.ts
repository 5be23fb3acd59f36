import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { fixedClock } from "../../platform/clock.js";
import { officer, person } from "./test-fixtures.js";

// The rota through the HTTP API: weekly patterns in Stockholm time across both DST changes, exceptions,
// who is on duty now, swaps asked by one officer and accepted by the other, the calendar feed.

const clock = fixedClock(new Date("2027-03-27T18:00:00Z"));
const app = useTestApp({ FYR_PUBLIC_URL: "https://cert.example" }, clock);

async function call(method: "GET" | "POST" | "PUT", url: string, auth: { authorization: string }, payload?: object) {
  return app().fyr.http.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });
}

describe("duty rota", () => {
  it("keeps a Saturday-night pattern at 17:00–08:00 Stockholm time across the March and October changes", async () => {
    const admin = await person(app(), ["admin"]);
    const who = await officer(app());
    const made = await call("POST", "/api/v1/oncall/patterns", admin.auth, {
      userId: who,
      role: "primary",
      weekday: 6,
      startTime: "17:00",
      endTime: "08:00",
      validFrom: "2027-03-20",
      validUntil: "2027-11-06",
      exceptions: ["2027-04-03"],
    });
    expect(made.statusCode).toBe(201);
    const list = await call(
      "GET",
      `/api/v1/oncall/shifts?from=2027-03-01T00:00:00Z&to=2027-12-01T00:00:00Z&userId=${who}`,
      admin.auth,
    );
    const shifts = list.json<{ items: { startsAt: string; endsAt: string }[] }>().items;
    const on = (start: string) => shifts.find((s) => s.startsAt === start);
    // Before the change: CET (UTC+1) both ends, 15 hours.
    expect(on("2027-03-20T16:00:00.000Z")?.endsAt).toBe("2027-03-21T07:00:00.000Z");
    // The night the clocks go forward: 17:00 CET to 08:00 CEST, 14 hours.
    expect(on("2027-03-27T16:00:00.000Z")?.endsAt).toBe("2027-03-28T06:00:00.000Z");
    // The exception: no shift on 3 April; the next Saturday in summer time.
    expect(shifts.some((s) => s.startsAt.startsWith("2027-04-03"))).toBe(false);
    expect(on("2027-04-10T15:00:00.000Z")?.endsAt).toBe("2027-04-11T06:00:00.000Z");
    // The night the clocks go back: 17:00 CEST to 08:00 CET, 16 hours.
    expect(on("2027-10-30T15:00:00.000Z")?.endsAt).toBe("2027-10-31T07:00:00.000Z");

    // 18:00Z on 27 March is inside the DST-night shift.
    const now = await call("GET", "/api/v1/oncall/now", admin.auth);
    expect(now.json<{ primary: { user: { id: string } }[] }>().primary.map((s) => s.user.id)).toContain(who);
  });

  it("refuses bad shifts naming each field, and non-admins planning", async () => {
    const admin = await person(app(), ["admin"]);
    const duty = await person(app());
    const bad = await call("POST", "/api/v1/oncall/shifts", admin.auth, {
      userId: duty.id,
      startsAt: "2027-05-01T10:00:00+02:00",
      endsAt: "2027-05-01T09:00:00+02:00",
      role: "chief",
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["body.role"]));
    const notAdmin = await call("POST", "/api/v1/oncall/shifts", duty.auth, {
      userId: duty.id,
      startsAt: "2027-05-01T08:00:00+02:00",
      endsAt: "2027-05-01T17:00:00+02:00",
    });
    expect(notAdmin.statusCode).toBe(403);
    const analyst = await person(app(), ["analyst"]);
    const notDuty = await call("POST", "/api/v1/oncall/shifts", admin.auth, {
      userId: analyst.id,
      startsAt: "2027-05-01T08:00:00+02:00",
      endsAt: "2027-05-01T17:00:00+02:00",
    });
    expect(notDuty.statusCode).toBe(400);
  });

  it("swaps a shift when the other officer accepts, and only them", async () => {
    const admin = await person(app(), ["admin"]);
    const anna = await person(app());
    const bo = await person(app());
    const carl = await person(app());
    const shift = await call("POST", "/api/v1/oncall/shifts", admin.auth, {
      userId: anna.id,
      startsAt: "2027-06-01T08:00:00+02:00",
      endsAt: "2027-06-01T17:00:00+02:00",
    });
    const shiftId = shift.json<{ id: string }>().id;
    // Bo cannot give away Anna's shift.
    expect(
      (await call("POST", `/api/v1/oncall/shifts/${shiftId}/swaps`, bo.auth, { toUserId: carl.id })).statusCode,
    ).toBe(403);
    const asked = await call("POST", `/api/v1/oncall/shifts/${shiftId}/swaps`, anna.auth, { toUserId: bo.id });
    expect(asked.statusCode).toBe(201);
    const swapId = asked.json<{ id: string }>().id;
    expect(
      (await call("POST", `/api/v1/oncall/shifts/${shiftId}/swaps`, anna.auth, { toUserId: carl.id })).statusCode,
    ).toBe(409);
    // Carl sees nothing of it and cannot accept it.
    const carlSees = await call("GET", "/api/v1/oncall/swaps", carl.auth);
    expect(carlSees.json<{ items: { id: string }[] }>().items.map((s) => s.id)).not.toContain(swapId);
    expect(
      (await call("POST", `/api/v1/oncall/swaps/${swapId}/decision`, carl.auth, { accept: true })).statusCode,
    ).toBe(403);
    expect((await call("POST", `/api/v1/oncall/swaps/${swapId}/decision`, bo.auth, { accept: true })).statusCode).toBe(
      204,
    );
    expect((await call("POST", `/api/v1/oncall/swaps/${swapId}/decision`, bo.auth, { accept: false })).statusCode).toBe(
      409,
    );
    const after = await call(
      "GET",
      "/api/v1/oncall/shifts?from=2027-06-01T00:00:00Z&to=2027-06-02T00:00:00Z",
      admin.auth,
    );
    const moved = after.json<{ items: { id: string; user: { id: string } }[] }>().items.find((s) => s.id === shiftId);
    expect(moved?.user.id).toBe(bo.id);
    // The admin sees every swap; the trail has both steps.
    const all = await call("GET", "/api/v1/oncall/swaps", admin.auth);
    expect(all.json<{ items: { id: string; status: string }[] }>().items.find((s) => s.id === swapId)?.status).toBe(
      "accepted",
    );
    const audit = await call("GET", "/api/v1/audit?limit=50", admin.auth);
    const actions = audit.json<{ items: { action: string; targetId: string | null }[] }>().items;
    expect(actions.filter((a) => a.action.startsWith("oncall.swap_")).map((a) => a.action)).toEqual(
      expect.arrayContaining(["oncall.swap_requested", "oncall.swap_accepted"]),
    );
  });

  it("serves a person's shifts as iCalendar at a secret URL that a new one retires", async () => {
    const admin = await person(app(), ["admin"]);
    const duty = await person(app());
    await call("POST", "/api/v1/oncall/shifts", admin.auth, {
      userId: duty.id,
      startsAt: "2027-04-02T08:00:00+02:00",
      endsAt: "2027-04-02T17:00:00+02:00",
      role: "backup",
    });
    const first = (await call("POST", "/api/v1/oncall/calendar", duty.auth)).json<{ url: string }>().url;
    expect(first).toMatch(/^https:\/\/cert\.example\/oncall\/calendar\/[A-Za-z0-9_-]+\.ics$/);
    const path = new URL(first).pathname;
    const feed = await app().fyr.http.inject({ method: "GET", url: path });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers["content-type"]).toContain("text/calendar");
    expect(feed.body).toContain("DTSTART:20270402T060000Z");
    expect(feed.body).toContain("Duty (backup)");
    const second = (await call("POST", "/api/v1/oncall/calendar", duty.auth)).json<{ url: string }>().url;
    expect((await app().fyr.http.inject({ method: "GET", url: path })).statusCode).toBe(404);
    expect((await app().fyr.http.inject({ method: "GET", url: new URL(second).pathname })).statusCode).toBe(200);
  });
});
