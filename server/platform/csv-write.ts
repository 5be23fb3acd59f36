// Writing CSV for people's spreadsheets, once for every download (observables, the directory, events).

/**
 * Excel reads a CSV file without a byte-order mark in the Windows code page, which garbles å, ä and ö;
 * with the mark it reads UTF-8. Python (utf-8-sig), pandas, LibreOffice and Google Sheets accept it.
 */
export const UTF8_BOM = "\uFEFF";

/**
 * OWASP "CSV Injection": a spreadsheet runs a cell that begins with = + - @ (or tab or CR, which it skips
 * before looking) as a formula. Values come from attackers' text, so such a cell gets a leading
 * apostrophe, which spreadsheets show as text and do not display.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: defused against formulas, then quoted (RFC 4180 §2) when it holds a comma, quote or line break. */
export function csvCell(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One record with its CRLF line end (RFC 4180 §2). */
export const csvLine = (cells: readonly string[]): string => `${cells.map(csvCell).join(",")}\r\n`;
