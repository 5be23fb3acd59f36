// Wall-clock time in a named zone (Europe/Stockholm) to UTC and back, with Intl only: the rota's patterns
// say "Mondays 08:00", and across the last Sunday of March or October that is another UTC hour.

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's wall clock at `at`: { date: "YYYY-MM-DD", time: "HH:MM" } and the offset in minutes. */
export function wallClock(at: Date, timeZone: string): { date: string; time: string; offsetMinutes: number } {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const time = `${parts.hour}:${parts.minute}`;
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return { date, time, offsetMinutes: Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000) };
}

/**
 * The instant the zone's clock shows `date` `time`. A time the spring change skips (02:30 on the last
 * Sunday of March) is read as the same time in the offset before the change, i.e. an hour later by the
 * new clock; a time the autumn change repeats is its first occurrence.
 */
export function zonedToUtc(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  const naive = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0);
  // Two rounds settle on the offset in force at the result (the offset a few hours earlier first, so
  // the repeated autumn hour resolves to its first occurrence).
  const before = wallClock(new Date(naive - 3 * 3_600_000), timeZone).offsetMinutes;
  let guess = naive - before * 60_000;
  const after = wallClock(new Date(guess), timeZone).offsetMinutes;
  if (after !== before) {
    const second = naive - after * 60_000;
    // Keep the later reading only if the clock really shows that time then (not a skipped hour).
    if (wallClock(new Date(second), timeZone).time === time) guess = second;
  }
  return new Date(guess);
}

/** The ISO weekday (1 = Monday … 7 = Sunday) of a local date. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The local date `days` after `date`. */
export function addDays(date: string, days: number): string {
  const t = new Date(`${date}T12:00:00Z`).getTime() + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
