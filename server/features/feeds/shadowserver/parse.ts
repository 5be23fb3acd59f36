import { FEED_EVENT_FIELDS, type FeedEventData, type FeedEventField } from "../../../../contract/feed-events.js";
import { CsvError, readCsv } from "../../../platform/csv.js";
import { AppError } from "../../../platform/errors.js";
import { normaliseFeedValue } from "../normalise-value.js";
import { SHADOWSERVER_COLUMNS } from "./columns.js";
import type { ShadowserverReportType } from "./report-types.js";

// Reads a Shadowserver report (CSV with a header row) as harmonised events, streaming: columns are
// matched by their header name, never by position, because old files lack today's columns and carry
// retired ones. A malformed row is counted with its line and the file goes on.

/** An event and the line of the file it came from. */
export interface ParsedFeedEvent extends FeedEventData {
  line: number;
}

export interface ParsedFeedBatch {
  events: ParsedFeedEvent[];
  malformed: { line: number; message: string }[];
}

export interface ShadowserverParseOptions {
  reportType: ShadowserverReportType;
  /** feed.name of the events; default "shadowserver-<report type>". */
  feedName?: string;
}

/** Columns most reports carry: they say where, not what, so they never tell one report from another. */
const COMMON_COLUMNS = new Set([
  "timestamp",
  "severity",
  "ip",
  "protocol",
  "port",
  "hostname",
  "tag",
  "asn",
  "geo",
  "region",
  "city",
  "naics",
  "sic",
  "sector",
  "hostname_source",
]);

interface ColumnPlan {
  name: string;
  /** The fields the column may fill, tried in order; none → extra. */
  fields: readonly FeedEventField[];
}

/** The events of a Shadowserver CSV given as text or byte chunks, in batches. */
export async function* parseShadowserverCsv(
  chunks: AsyncIterable<string | Uint8Array>,
  options: ShadowserverParseOptions,
): AsyncGenerator<ParsedFeedBatch> {
  const { reportType } = options;
  const fixed: FeedEventData["fields"] = {
    "feed.name": options.feedName ?? `shadowserver-${reportType.reportType}`,
    "feed.provider": "Shadowserver",
    "classification.taxonomy": reportType.taxonomy,
    "classification.type": reportType.type,
    "classification.identifier": reportType.identifier,
  };
  let plan: ColumnPlan[] | undefined;
  for await (const records of readCsvAsFeed(chunks)) {
    const batch: ParsedFeedBatch = { events: [], malformed: [] };
    for (const record of records) {
      if (!plan) {
        plan = planColumns(record.fields, reportType);
        continue;
      }
      // Shadowserver's writers drop empty trailing fields now and then: a short row is read as it is,
      // a long one cannot be matched to the header.
      if (record.fields.length > plan.length) {
        const message = `${record.fields.length} fields where the header has ${plan.length}`;
        batch.malformed.push({ line: record.line, message });
        continue;
      }
      const event = toEvent(record.fields, plan, fixed, record.line);
      if (event.fields["time.source"] === undefined) {
        batch.malformed.push({ line: record.line, message: "no valid timestamp" });
        continue;
      }
      batch.events.push(event);
    }
    if (batch.events.length > 0 || batch.malformed.length > 0) yield batch;
  }
  if (!plan) throw new AppError("feed_file_not_recognised", "invalid", "The file is empty: no header row");
}

/** The CSV records, a file that is not CSV refused as a feed file, with the line where it stopped. */
async function* readCsvAsFeed(chunks: AsyncIterable<string | Uint8Array>) {
  try {
    yield* readCsv(chunks);
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    throw new AppError("feed_file_not_recognised", "invalid", `Not a CSV file: ${err.message}`);
  }
}

/** Which field each header column fills; refuses a header that is not this report type's. */
function planColumns(header: string[], reportType: ShadowserverReportType): ColumnPlan[] {
  const names = header.map((h) => h.trim().toLowerCase());
  const known = new Set(reportType.columns);
  // Every report shares the address columns; what tells reports apart is the rest. Old files differ
  // from today's schema by a few of those; another report's file by most.
  const specific = names.filter((n) => !COMMON_COLUMNS.has(n));
  const shared = specific.filter((n) => known.has(n)).length;
  if (!names.includes("timestamp") || shared < specific.length / 2) {
    const missing = reportType.columns.filter((c) => !names.includes(c) && !COMMON_COLUMNS.has(c)).slice(0, 8);
    const foreign = specific.filter((n) => !known.has(n)).slice(0, 8);
    throw new AppError(
      "feed_file_not_recognised",
      "invalid",
      `The header is not that of Shadowserver's ${reportType.reportType} report (it has ${foreign.join(", ")}; ` +
        `that report has ${missing.join(", ")})`,
    );
  }
  return names.map((name) => {
    const mapped = SHADOWSERVER_COLUMNS[name];
    return { name, fields: mapped === undefined ? [] : typeof mapped === "string" ? [mapped] : mapped };
  });
}

function toEvent(values: string[], plan: ColumnPlan[], fixed: FeedEventData["fields"], line: number): ParsedFeedEvent {
  const fields: FeedEventData["fields"] = { ...fixed };
  const extra: Record<string, string> = {};
  for (let i = 0; i < values.length; i += 1) {
    const raw = values[i] ?? "";
    if (raw === "") continue;
    const column = plan[i] as ColumnPlan;
    // Most columns fill no field (a third of scan_rdp's): straight to extra.
    if (column.fields.length === 0) {
      extra[column.name] = raw;
      continue;
    }
    // The first column to fill a field wins; an unfit or second value stays under its column's name.
    let placed = false;
    for (const field of column.fields) {
      if (fields[field] !== undefined) continue;
      const value = normaliseFeedValue(FEED_EVENT_FIELDS[field], raw);
      if (value === undefined) continue;
      fields[field] = value;
      placed = true;
      break;
    }
    if (!placed) extra[column.name] = raw;
  }
  return { fields, extra, line };
}
