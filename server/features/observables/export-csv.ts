import type { CaseObservable } from "../../../contract/observables.js";
import type { ExportedIncident } from "./export-stix.js";

const HEADER = [
  "type",
  "value",
  "tag",
  "do_not_correlate",
  "warning_lists",
  "origins",
  "first_seen",
  "last_seen",
  "incident",
];

/**
 * Excel reads a CSV file without a byte-order mark in the Windows code page, which garbles å, ä and ö;
 * with the mark it reads UTF-8. Python (utf-8-sig), pandas, LibreOffice and Google Sheets accept it.
 */
const UTF8_BOM = "\uFEFF";

/**
 * OWASP "CSV Injection": a spreadsheet runs a cell that begins with = + - @ (or tab or CR, which it skips
 * before looking) as a formula. Values come from attackers' text, so such a cell gets a leading
 * apostrophe, which spreadsheets show as text and do not display.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: defused against formulas, then quoted (RFC 4180 §2) when it holds a comma, quote or line break. */
function cell(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * An incident's values as CSV for spreadsheets and partners' tools: RFC 4180 with CRLF line ends, a
 * header row, UTF-8 with a byte-order mark. Lists (warning lists, origins) are joined with "; ".
 */
export function observablesCsv(incident: ExportedIncident, items: readonly CaseObservable[]): string {
  const rows = items.map((item) => [
    item.type,
    item.value,
    item.tag ?? "",
    item.doNotCorrelate ? "true" : "false",
    item.warningLists.map((list) => list.name).join("; "),
    item.origins.join("; "),
    item.firstSeen,
    item.lastSeen,
    incident.reference,
  ]);
  return UTF8_BOM + [HEADER, ...rows].map((row) => row.map(cell).join(",") + "\r\n").join("");
}
