// All staff work on Swedish time; the console shows every instant in Europe/Stockholm.
const TIME_ZONE = "Europe/Stockholm";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: string, withSeconds: boolean): Intl.DateTimeFormat {
  const key = `${language}:${withSeconds}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language === "sv" ? "sv-SE" : "en-GB", {
      timeZone: TIME_ZONE,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: withSeconds ? "2-digit" : undefined,
    });
    formatters.set(key, f);
  }
  return f;
}

/** Formats an ISO instant as a Stockholm date and time ("2026-11-20 08:45"); "—" when absent. */
export function formatDateTime(iso: string | null | undefined, language: string, withSeconds = false): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return formatter(language, withSeconds).format(d);
}

/** Turns a datetime-local input value (Stockholm wall time) into an ISO instant with offset. */
export function stockholmLocalToIso(local: string): string | undefined {
  if (!local) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // The offset Stockholm had at that moment (CET +1 or CEST +2), found by formatting in that zone.
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(new Date(asUtc));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const shown = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return new Date(asUtc - (shown - asUtc)).toISOString();
}
