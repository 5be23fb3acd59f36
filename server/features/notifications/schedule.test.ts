import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { easterSunday, swedishHolidayOn, swedishHolidays } from "./holidays.js";
import { intervalFor, isDue, isWorkingTime, localTime } from "./schedule.js";

const TZ = "Europe/Stockholm";
const at = (iso: string) => new Date(iso);

describe("Swedish holidays", () => {
  it("knows Easter and the days that follow from it", () => {
    expect(easterSunday(2024)).toEqual({ month: 3, day: 31 });
    expect(easterSunday(2025)).toEqual({ month: 4, day: 20 });
    expect(easterSunday(2026)).toEqual({ month: 4, day: 5 });
    expect(easterSunday(2038)).toEqual({ month: 4, day: 25 });
    const y2026 = swedishHolidays(2026);
    expect(y2026.get("2026-04-03")).toBe("good-friday");
    expect(y2026.get("2026-04-06")).toBe("easter-monday");
    expect(y2026.get("2026-05-14")).toBe("ascension-day");
    expect(y2026.get("2026-05-24")).toBe("whit-sunday");
  });

  it("puts midsummer and All Saints on their Saturdays, eves on the Friday", () => {
    expect(swedishHolidayOn("2026-06-19")).toBe("midsummer-eve");
    expect(swedishHolidayOn("2026-06-20")).toBe("midsummer-day");
    expect(swedishHolidayOn("2025-06-20")).toBe("midsummer-eve");
    expect(swedishHolidayOn("2026-10-31")).toBe("all-saints-day");
    expect(swedishHolidayOn("2025-11-01")).toBe("all-saints-day");
    expect(swedishHolidayOn("2026-12-24")).toBe("christmas-eve");
    expect(swedishHolidayOn("2026-06-06")).toBe("national-day");
    expect(swedishHolidayOn("2026-06-08")).toBeNull();
  });

  it("for any year: Easter is a Sunday from 22 March to 25 April, midsummer a Saturday from 20 to 26 June", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), (year) => {
        const { month, day } = easterSunday(year);
        const easter = new Date(Date.UTC(year, month - 1, day));
        expect(easter.getUTCDay()).toBe(0);
        expect(month === 3 ? day >= 22 : month === 4 && day <= 25).toBe(true);
        const days = swedishHolidays(year);
        // Sixteen days, fewer when two fall together (Ascension on 1 May in 2008, Whit Sunday on 6 June).
        expect(days.size).toBeGreaterThanOrEqual(14);
        for (const date of days.keys()) expect(date.startsWith(String(year))).toBe(true);
        const midsummer = [...days].find(([, name]) => name === "midsummer-day")?.[0] ?? "";
        const m = new Date(`${midsummer}T00:00:00Z`);
        expect(m.getUTCDay()).toBe(6);
        expect(m.getUTCMonth()).toBe(5);
        expect(m.getUTCDate()).toBeGreaterThanOrEqual(20);
        expect(m.getUTCDate()).toBeLessThanOrEqual(26);
        const ascension = [...days].find(([, name]) => name === "ascension-day")?.[0] ?? "";
        expect(new Date(`${ascension}T00:00:00Z`).getUTCDay()).toBe(4);
      }),
    );
  });
});

describe("when owners are told", () => {
  it("critical types are immediate whatever the organisation chose; the rest follow its interval", () => {
    expect(intervalFor("weekly", "infected-system")).toBe("immediate");
    expect(intervalFor("daily", "system-compromise")).toBe("immediate");
    expect(intervalFor("weekly", "vulnerable-system")).toBe("weekly");
    expect(intervalFor("immediate", "vulnerable-system")).toBe("immediate");
  });

  it("working time is a weekday between 08 and 17 in Stockholm, not a holiday or eve", () => {
    expect(isWorkingTime(at("2026-12-02T07:30:00Z"), TZ)).toBe(true); // Wednesday 08:30
    expect(isWorkingTime(at("2026-12-02T06:30:00Z"), TZ)).toBe(false); // 07:30
    expect(isWorkingTime(at("2026-12-02T16:30:00Z"), TZ)).toBe(false); // 17:30
    expect(isWorkingTime(at("2026-12-05T10:00:00Z"), TZ)).toBe(false); // Saturday
    expect(isWorkingTime(at("2026-12-24T10:00:00Z"), TZ)).toBe(false); // Christmas Eve, a Thursday
    expect(isWorkingTime(at("2026-04-06T10:00:00Z"), TZ)).toBe(false); // Easter Monday
    expect(isWorkingTime(at("2026-06-19T10:00:00Z"), TZ)).toBe(false); // Midsummer Eve
    expect(isWorkingTime(at("2026-06-22T06:30:00Z"), TZ)).toBe(true); // Monday 08:30 (summer time)
  });

  it("immediate goes out at night and on holidays; the others wait for working time", () => {
    const christmasNight = at("2026-12-24T23:00:00Z");
    expect(isDue("immediate", at("2026-12-24T22:59:00Z"), christmasNight, TZ)).toBe(true);
    for (const interval of ["hourly", "daily", "weekly"] as const)
      expect(isDue(interval, null, christmasNight, TZ)).toBe(false);
  });

  it("hourly at most once an hour, daily once a working day, weekly once an ISO week", () => {
    const wed0900 = at("2026-12-02T08:00:00Z");
    expect(isDue("hourly", at("2026-12-02T07:30:00Z"), wed0900, TZ)).toBe(false);
    expect(isDue("hourly", at("2026-12-02T07:00:00Z"), wed0900, TZ)).toBe(true);
    expect(isDue("daily", at("2026-12-02T07:05:00Z"), wed0900, TZ)).toBe(false);
    expect(isDue("daily", at("2026-12-01T15:00:00Z"), wed0900, TZ)).toBe(true);
    // Sent on Monday: not again this week; the next Monday (after New Year's Eve week) it is.
    expect(isDue("weekly", at("2026-11-30T08:00:00Z"), wed0900, TZ)).toBe(false);
    expect(isDue("weekly", at("2026-11-30T08:00:00Z"), at("2026-12-07T08:00:00Z"), TZ)).toBe(true);
  });

  it("ISO weeks cross the new year as ISO 8601 says", () => {
    expect(localTime(at("2026-12-31T12:00:00Z"), TZ).isoWeek).toBe("2026-W53");
    expect(localTime(at("2027-01-01T12:00:00Z"), TZ).isoWeek).toBe("2026-W53");
    expect(localTime(at("2027-01-04T12:00:00Z"), TZ).isoWeek).toBe("2027-W01");
    expect(localTime(at("2025-12-29T12:00:00Z"), TZ).isoWeek).toBe("2026-W01");
  });
});
