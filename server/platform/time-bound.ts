import { type RawBuilder, sql } from "kysely";

// The lists that filter by time (search, the observables index) take `from`/`to` as a day or an instant
// (contract/search.ts, DayOrInstant): a day means the whole of that day in the CERT's time zone.

/** A bound of a time filter: a whole day in the CERT's time zone, or an instant. */
export type TimeBound = { day: string } | { at: string };

/** The bound a query parameter names: `yyyy-mm-dd` is a day, anything longer an instant. */
export const timeBound = (value: string | undefined): TimeBound | undefined =>
  value === undefined ? undefined : value.length === 10 ? { day: value } : { at: value };

/** The instant a bound stands for: a day's start (`from`) or the next day's start (`to`, `end`). */
export function boundSql(b: TimeBound, timeZone: string, end: boolean): RawBuilder<unknown> {
  if ("at" in b) return sql`${b.at}::timestamptz`;
  return end
    ? sql`((${b.day}::date + 1)::timestamp at time zone ${timeZone})`
    : sql`((${b.day}::date)::timestamp at time zone ${timeZone})`;
}
