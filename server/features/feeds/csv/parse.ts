import type { FeedColumnMapping, FeedEventField } from "../../../../contract/feed-events.js";
import { CsvError, readCsv } from "../../../platform/csv.js";
import { AppError } from "../../../platform/errors.js";
import { type MappedValue, mappedEvent } from "../mapped-event.js";
import type { ParsedFeedBatch } from "../shadowserver/parse.js";

// A generic CSV feed: a header row, and the source's column mapping (column → harmonization field)
// saying what each column means. Columns are found by header name, so a provider may reorder them;
// unmapped columns are kept under extra (mapped-event.ts, shared with generic JSON).

const notRecognised = (message: string) => new AppError("feed_file_not_recognised", "invalid", message);

/** The events of a CSV file read through `mapping`, in batches. */
export async function* parseMappedCsv(
  chunks: AsyncIterable<string | Uint8Array>,
  options: { mapping: FeedColumnMapping; feedName: string },
): AsyncGenerator<ParsedFeedBatch> {
  const mapping = new Map(Object.entries(options.mapping).map(([c, f]) => [c.trim().toLowerCase(), f]));
  let plan: (FeedEventField | null)[] | undefined;
  let header: string[] = [];
  try {
    for await (const records of readCsv(chunks)) {
      const batch: ParsedFeedBatch = { events: [], malformed: [] };
      for (const record of records) {
        if (!plan) {
          header = record.fields.map((h) => h.trim().toLowerCase());
          plan = planColumns(header, mapping);
          continue;
        }
        if (record.fields.length > plan.length) {
          batch.malformed.push({
            line: record.line,
            message: `${record.fields.length} fields where the header has ${plan.length}`,
          });
          continue;
        }
        const event = mappedEvent(valuesOf(record.fields, header, plan), options.feedName);
        if (typeof event === "string") batch.malformed.push({ line: record.line, message: event });
        else batch.events.push({ ...event, line: record.line });
      }
      if (batch.events.length > 0 || batch.malformed.length > 0) yield batch;
    }
  } catch (err) {
    if (err instanceof CsvError) throw notRecognised(`Not a CSV file: ${err.message}`);
    throw err;
  }
  if (!plan) throw notRecognised("The file is empty: no header row");
}

/** The field each header column fills (null: extra); refuses a header the mapping does not fit. */
function planColumns(header: string[], mapping: Map<string, FeedEventField>) {
  const missing = [...mapping.keys()].filter((c) => !header.includes(c));
  const timeColumns = [...mapping].filter(([, f]) => f === "time.source").map(([c]) => c);
  if (timeColumns.length === 0 || timeColumns.every((c) => missing.includes(c)) || missing.length === mapping.size) {
    throw notRecognised(
      `The header does not fit the source's column mapping: ${missing.length > 0 ? `no column ${missing.slice(0, 8).join(", ")}` : "no column gives time.source"}`,
    );
  }
  return header.map((name) => mapping.get(name) ?? null);
}

function* valuesOf(values: string[], header: string[], plan: (FeedEventField | null)[]): Generator<MappedValue> {
  for (let i = 0; i < values.length; i += 1) yield [header[i] ?? `column_${i + 1}`, values[i] ?? "", plan[i] ?? null];
}
