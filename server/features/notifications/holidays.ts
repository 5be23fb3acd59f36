// Swedish public holidays (lagen (1989:253) om allmänna helgdagar) and the eves that are days off in
// practice (midsummer, Christmas and New Year's Eve): the days a non-urgent digest waits over. Dates are
// calendar dates in Sweden, written "YYYY-MM-DD".

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher"). */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

/** A date as "YYYY-MM-DD" from a UTC-based date value (only its calendar fields are read). */
function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(year: number, month: number, day: number, days: number): string {
  return iso(new Date(Date.UTC(year, month - 1, day + days)));
}

/** The first date in [from, from + 6] of a month that falls on `weekday` (0 Sunday … 6 Saturday). */
function weekdayFrom(year: number, month: number, from: number, weekday: number): string {
  const start = new Date(Date.UTC(year, month - 1, from));
  return addDays(year, month, from, (weekday - start.getUTCDay() + 7) % 7);
}

export type HolidayName =
  | "new-years-day"
  | "epiphany"
  | "good-friday"
  | "easter-sunday"
  | "easter-monday"
  | "may-day"
  | "ascension-day"
  | "national-day"
  | "whit-sunday"
  | "midsummer-eve"
  | "midsummer-day"
  | "all-saints-day"
  | "christmas-eve"
  | "christmas-day"
  | "boxing-day"
  | "new-years-eve";

/** Every holiday and day-off eve of a year, by date. */
export function swedishHolidays(year: number): Map<string, HolidayName> {
  const easter = easterSunday(year);
  const fromEaster = (days: number) => addDays(year, easter.month, easter.day, days);
  const fixed = (month: number, day: number) => addDays(year, month, day, 0);
  const days: [string, HolidayName][] = [
    [fixed(1, 1), "new-years-day"],
    [fixed(1, 6), "epiphany"],
    [fromEaster(-2), "good-friday"],
    [fromEaster(0), "easter-sunday"],
    [fromEaster(1), "easter-monday"],
    [fixed(5, 1), "may-day"],
    [fromEaster(39), "ascension-day"],
    [fixed(6, 6), "national-day"],
    [fromEaster(49), "whit-sunday"],
    // Midsummer Day is the Saturday from 20 to 26 June; its eve the Friday before.
    [weekdayFrom(year, 6, 19, 5), "midsummer-eve"],
    [weekdayFrom(year, 6, 20, 6), "midsummer-day"],
    // All Saints' Day: the Saturday from 31 October to 6 November.
    [weekdayFrom(year, 10, 31, 6), "all-saints-day"],
    [fixed(12, 24), "christmas-eve"],
    [fixed(12, 25), "christmas-day"],
    [fixed(12, 26), "boxing-day"],
    [fixed(12, 31), "new-years-eve"],
  ];
  return new Map(days);
}

const byYear = new Map<number, Map<string, HolidayName>>();

/** The holiday (or day-off eve) on a Swedish calendar date "YYYY-MM-DD", or null. */
export function swedishHolidayOn(date: string): HolidayName | null {
  const year = Number(date.slice(0, 4));
  let days = byYear.get(year);
  if (!days) {
    days = swedishHolidays(year);
    byYear.set(year, days);
  }
  return days.get(date) ?? null;
}
