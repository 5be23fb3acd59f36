import type { CaseObservable } from "../../../contract/observables.js";
import { UTF8_BOM, csvLine } from "../../platform/csv-cell.js";
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
  return UTF8_BOM + [HEADER, ...rows].map(csvLine).join("");
}
