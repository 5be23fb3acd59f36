import type { Db } from "../../platform/db/connect.js";
import { allocateYearlyNumber } from "../../platform/db/yearly-number.js";

export { yearIn } from "../../platform/db/yearly-number.js";

/** `FYR-2026-00042`: prefix, year, number within the year (five digits, more when needed). */
export function formatReference(prefix: string, year: number, number: number): string {
  return `${prefix}-${year}-${String(number).padStart(5, "0")}`;
}

/** Draws the next report number of `year` (see allocateYearlyNumber). */
export function allocateReportNumber(db: Db, year: number): Promise<number> {
  return allocateYearlyNumber(db, "report", year);
}
