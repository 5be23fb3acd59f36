import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";

// Taken when a year's sequence must be created, so two first reports of a year do not race.
const CREATE_SEQUENCE_LOCK = 7_146_353_301;

// Building an Intl.DateTimeFormat costs far more than using one; one per time zone is kept.
const yearFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar year of `at` where the CERT works (a report at 00:30 on 1 January local time is the new year's). */
export function yearIn(at: Date, timeZone: string): number {
  let format = yearFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en", { year: "numeric", timeZone });
    yearFormats.set(timeZone, format);
  }
  return Number(format.format(at));
}

/** `FYR-2026-00042`: prefix, year, number within the year (five digits, more when needed). */
export function formatReference(prefix: string, year: number, number: number): string {
  return `${prefix}-${year}-${String(number).padStart(5, "0")}`;
}

/**
 * Draws the next number of `year`. A sequence per year, not a counter row: a counter row would stay
 * locked until each report commits and so let only one report be written at a time. The price is
 * that a report whose transaction fails after drawing leaves a gap; numbers are never reused.
 */
export async function allocateReportNumber(db: Db, year: number): Promise<number> {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new Error(`not a year: ${year}`);
  const name = `report_number_${year}`;
  // nextval(NULL) is NULL: a missing sequence answers null instead of aborting the transaction.
  const drawn = await sql<{ n: number | null }>`select nextval(to_regclass(${name})) as n`.execute(db);
  const n = drawn.rows[0]?.n;
  if (n !== null && n !== undefined) return Number(n);
  await sql`select pg_advisory_xact_lock(${CREATE_SEQUENCE_LOCK})`.execute(db);
  await sql.raw(`create sequence if not exists ${name}`).execute(db);
  const created = await sql<{ n: number }>`select nextval(${name}::regclass) as n`.execute(db);
  return Number(created.rows[0]?.n);
}
