import { FEED_EVENT_FIELDS, type FeedEventData, type FeedEventField } from "../../../../contract/feed-events.js";
import { isRsitType } from "../../../../contract/rsit.js";
import { AppError } from "../../../platform/errors.js";
import { normaliseFeedValue } from "../normalise-value.js";
import type { ParsedFeedBatch } from "../shadowserver/parse.js";

// IntelMQ's output as Fyr's input: one JSON event per line in harmonization field names (what IntelMQ's
// file output bot writes), so a CERT already running IntelMQ can send its events here. Fields Fyr
// keeps as columns are checked like any feed's; `extra.*` and the rest are kept under extra; `raw` is
// dropped, since the file itself is kept once with the run.

const MAX_LINE = 1_000_000;
const KNOWN = new Set<string>(Object.keys(FEED_EVENT_FIELDS));

/** The events of IntelMQ JSON lines given as byte or text chunks, in batches. */
export async function* parseIntelmqLines(
  chunks: AsyncIterable<string | Uint8Array>,
  options: { feedName: string },
): AsyncGenerator<ParsedFeedBatch> {
  const decoder = new TextDecoder("utf-8");
  let carry = "";
  let line = 0;
  let sawJson = false;
  const take = (text: string, batch: ParsedFeedBatch) => {
    line += 1;
    if (text.trim() === "") return;
    const parsed = parseLine(text, options.feedName);
    if (typeof parsed === "string") {
      // A file whose first line is not JSON is not IntelMQ output at all: refused, not counted.
      if (!sawJson)
        throw new AppError("feed_file_not_recognised", "invalid", `Line ${line} is not an IntelMQ event: ${parsed}`);
      batch.malformed.push({ line, message: parsed });
    } else {
      sawJson = true;
      batch.events.push({ ...parsed, line });
    }
  };
  for await (const chunk of chunks) {
    const text = carry + (typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
    const lines = text.split("\n");
    carry = lines.pop() ?? "";
    if (carry.length > MAX_LINE)
      throw new AppError("feed_file_not_recognised", "invalid", `Line ${line + 1} is too long`);
    const batch: ParsedFeedBatch = { events: [], malformed: [] };
    for (const l of lines) take(l, batch);
    if (batch.events.length > 0 || batch.malformed.length > 0) yield batch;
  }
  const batch: ParsedFeedBatch = { events: [], malformed: [] };
  take(carry + decoder.decode(), batch);
  if (batch.events.length > 0 || batch.malformed.length > 0) yield batch;
}

/** One line as an event, or what is wrong with it. */
function parseLine(text: string, feedName: string): FeedEventData | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "not JSON";
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "not a JSON object";
  const fields: FeedEventData["fields"] = {};
  const extra: Record<string, string> = {};
  for (const [key, raw] of Object.entries(value)) {
    if (key === "raw" || raw === null || raw === undefined) continue;
    if (key === "extra" && typeof raw === "object") {
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) extra[k] = stringOf(v);
      continue;
    }
    const text = stringOf(raw);
    if (KNOWN.has(key)) {
      const field = key as FeedEventField;
      const normalised = normaliseFeedValue(FEED_EVENT_FIELDS[field], text);
      if (normalised !== undefined) {
        fields[field] = normalised;
        continue;
      }
    }
    extra[key.startsWith("extra.") ? key.slice("extra.".length) : key] = text;
  }
  if (fields["time.source"] === undefined) {
    if (fields["time.observation"] === undefined) return "no valid time.source";
    fields["time.source"] = fields["time.observation"];
  }
  const taxonomy = String(fields["classification.taxonomy"] ?? "other");
  const type = String(fields["classification.type"] ?? "undetermined");
  if (!isRsitType(taxonomy, type)) return `${taxonomy}/${type} is not an RSIT classification`;
  fields["classification.taxonomy"] = taxonomy;
  fields["classification.type"] = type;
  // The source's own name in Fyr wins; IntelMQ's feed name is kept as the provider's word for it.
  if (fields["feed.name"] !== undefined) extra["intelmq.feed.name"] = String(fields["feed.name"]);
  fields["feed.name"] = feedName;
  return { fields, extra };
}

const stringOf = (v: unknown): string => (typeof v === "string" ? v : JSON.stringify(v));
