import type { NotificationInterval } from "../../../contract/constituency.js";
import { swedishHolidayOn } from "./holidays.js";

// When owners are told, as data: which classification types cannot wait, and what each interval allows.
// Immediate digests go out on the next pass, day or night; the others only in Swedish working time
// (weekdays that are no public holiday or day-off eve, 08:00–17:00 where the CERT works), at most once per
// hour, day or ISO week. Everything here is pure: the clock and the last digest's time are given.

/**
 * RSIT types that are told at once whatever the organisation's interval: a system someone else controls
 * (compromised, infected, serving malware, a botnet's controller) or data already leaking.
 */
export const IMMEDIATE_TYPES: ReadonlySet<string> = new Set([
  "infected-system",
  "system-compromise",
  "application-compromise",
  "privileged-account-compromise",
  "unprivileged-account-compromise",
  "c2-server",
  "malware-distribution",
  "data-leak",
]);

/** Working time where the CERT works: from this hour, up to (not including) that one. */
export const WORKING_HOURS = { from: 8, to: 17 } as const;

interface IntervalRule {
  /** Waits for working time. */
  workingTimeOnly: boolean;
  /** Whether a digest sent at `last` still holds back the next one at `now`. */
  heldBack: (last: LocalTime, now: LocalTime, lastAt: Date, nowAt: Date) => boolean;
}

const HOUR = 3_600_000;

const RULES: Record<NotificationInterval, IntervalRule> = {
  immediate: { workingTimeOnly: false, heldBack: () => false },
  hourly: { workingTimeOnly: true, heldBack: (_l, _n, lastAt, nowAt) => nowAt.getTime() - lastAt.getTime() < HOUR },
  daily: { workingTimeOnly: true, heldBack: (last, now) => last.date === now.date },
  weekly: { workingTimeOnly: true, heldBack: (last, now) => last.isoWeek === now.isoWeek },
};

/** The interval an event is told in: immediate for the critical types, else the organisation's. */
export function intervalFor(
  organisationInterval: NotificationInterval,
  classificationType: string,
): NotificationInterval {
  return IMMEDIATE_TYPES.has(classificationType) ? "immediate" : organisationInterval;
}

/** A moment as a calendar reads it in a time zone. */
export interface LocalTime {
  /** "YYYY-MM-DD" */
  date: string;
  /** 1 Monday … 7 Sunday */
  weekday: number;
  hour: number;
  /** "YYYY-Www" (ISO 8601 week) */
  isoWeek: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** How `at` reads on a wall calendar and clock in `timeZone`. */
export function localTime(at: Date, timeZone: string): LocalTime {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      hourCycle: "h23",
    });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
  // ISO week: the week's Thursday decides the year.
  const thursday = new Date(day.getTime() + (4 - weekday) * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / 86_400_000 / 7) + 1;
  const isoWeek = `${thursday.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
  return { date, weekday, hour: Number(parts.hour), isoWeek };
}

/** Whether `at` is Swedish working time: a weekday, no holiday or day-off eve, within working hours. */
export function isWorkingTime(at: Date, timeZone: string): boolean {
  const t = localTime(at, timeZone);
  return (
    t.weekday <= 5 && swedishHolidayOn(t.date) === null && t.hour >= WORKING_HOURS.from && t.hour < WORKING_HOURS.to
  );
}

/** Whether a digest of `interval` may go out at `now`, the organisation's last one of it sent at `lastAt`. */
export function isDue(interval: NotificationInterval, lastAt: Date | null, now: Date, timeZone: string): boolean {
  const rule = RULES[interval];
  if (rule.workingTimeOnly && !isWorkingTime(now, timeZone)) return false;
  if (lastAt === null) return true;
  return !rule.heldBack(localTime(lastAt, timeZone), localTime(now, timeZone), lastAt, now);
}
