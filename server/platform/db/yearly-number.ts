import { sql } from "kysely";
import { type Db, inTransaction } from "./connect.js";

// Taken when a year's sequence must be created, so two first numbers of a year do not race.
const CREATE_SEQUENCE_LOCK = 7_146_353_301;

// Building an Intl.DateTimeFormat costs far more than using one; one per time zone is kept.
const yearFormats = new Map<string, Intl.DateTimeFormat>();

/** What is numbered per year: reports (FYR-2026-00042), incidents (FYR-INC-2026-0007), notifications (FYR-N-2026-000123), advisories (FYR-SA-2026-0001). */
export type NumberedKind = "report" | "incident" | "notification" | "advisory" | "flash" | "weekly" | "coordination";

/** The calendar year of `at` where the CERT works (a report at 00:30 on 1 January local time is the new year's). */
export function yearIn(at: Date, timeZone: string): number {
  let format = yearFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en", { year: "numeric", timeZone });
    yearFormats.set(timeZone, format);
  }
  return Number(format.format(at));
}

/**
 * Draws the next number of `kind` in `year`. A sequence per year, not a counter row: a counter row would
 * stay locked until each write commits and so let only one be written at a time. The price is that a
 * transaction failing after drawing leaves a gap; numbers are never reused.
 */
export async function allocateYearlyNumber(db: Db, kind: NumberedKind, year: number): Promise<number> {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new Error(`not a year: ${year}`);
  const name = `${kind}_number_${year}`;
  // nextval(NULL) is NULL: a missing sequence answers null instead of aborting the transaction.
  const drawn = await sql<{ n: number | null }>`select nextval(to_regclass(${name})) as n`.execute(db);
  const n = drawn.rows[0]?.n;
  if (n !== null && n !== undefined) return Number(n);
  // The first number of a year: created under a lock held to the end of a transaction of its own
  // (or the caller's), as two sessions running CREATE SEQUENCE IF NOT EXISTS at once can both fail.
  return inTransaction(db, async (tx) => {
    await sql`select pg_advisory_xact_lock(${CREATE_SEQUENCE_LOCK})`.execute(tx);
    await sql.raw(`create sequence if not exists ${name}`).execute(tx);
    const created = await sql<{ n: number }>`select nextval(${name}::regclass) as n`.execute(tx);
    return Number(created.rows[0]?.n);
  });
}

/** Draws `count` numbers of `kind` in `year` in one round trip (in the order drawn). */
export async function allocateYearlyNumbers(
  db: Db,
  kind: NumberedKind,
  year: number,
  count: number,
): Promise<number[]> {
  if (count <= 0) return [];
  const name = `${kind}_number_${year}`;
  const drawn = await sql<{ n: number | null }>`
    select nextval(to_regclass(${name})) as n from generate_series(1, ${count}::int) order by 1`.execute(db);
  const numbers = drawn.rows.map((r) => r.n);
  if (numbers.length === count && numbers.every((n) => n !== null)) return numbers.map(Number);
  // The year's first: its sequence is made by the one-at-a-time path.
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(await allocateYearlyNumber(db, kind, year));
  return out;
}
