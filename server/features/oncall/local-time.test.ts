import { describe, expect, it } from "vitest";
import { addDays, isoWeekday, wallClock, zonedToUtc } from "./local-time.js";

const TZ = "Europe/Stockholm";

describe("Stockholm wall clock across DST", () => {
  it("puts 08:00 an hour earlier in UTC after the last Sunday of March, and back after October's", () => {
    expect(zonedToUtc("2027-03-27", "08:00", TZ).toISOString()).toBe("2027-03-27T07:00:00.000Z");
    expect(zonedToUtc("2027-03-28", "08:00", TZ).toISOString()).toBe("2027-03-28T06:00:00.000Z");
    expect(zonedToUtc("2027-10-30", "08:00", TZ).toISOString()).toBe("2027-10-30T06:00:00.000Z");
    expect(zonedToUtc("2027-10-31", "08:00", TZ).toISOString()).toBe("2027-10-31T07:00:00.000Z");
  });

  it("reads a skipped spring time by the old offset and a repeated autumn time as its first occurrence", () => {
    expect(zonedToUtc("2027-03-28", "02:30", TZ).toISOString()).toBe("2027-03-28T01:30:00.000Z");
    expect(zonedToUtc("2027-10-31", "02:30", TZ).toISOString()).toBe("2027-10-31T00:30:00.000Z");
  });

  it("shows the wall clock and weekday of an instant", () => {
    expect(wallClock(new Date("2027-03-28T06:00:00Z"), TZ)).toMatchObject({ date: "2027-03-28", time: "08:00" });
    expect(wallClock(new Date("2027-01-10T23:30:00Z"), TZ)).toMatchObject({ date: "2027-01-11", time: "00:30" });
    expect(isoWeekday("2027-03-28")).toBe(7);
    expect(addDays("2027-03-27", 2)).toBe("2027-03-29");
  });
});
