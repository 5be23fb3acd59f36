import type { FeedColumnMapping, FeedEventField } from "../../../../contract/feed-events.js";
import { AppError } from "../../../platform/errors.js";
import { type MappedValue, mappedEvent } from "../mapped-event.js";
import type { ParsedFeedBatch } from "../shadowserver/parse.js";

// A generic JSON feed read through the source's saved column mapping, like a generic CSV: JSON lines
// (one object per line) or one JSON array of objects, told apart by the first character. Either is
// streamed: an array is cut into its elements by a scanner that follows strings and nesting, so a
// 10 GB array never becomes one string. Nested objects are named by dotted paths ("source.ip" or
// "geo.cc"), which is what the mapping names; arrays are kept as JSON text.

const MAX_ELEMENT = 1_000_000;
const notRecognised = (message: string) => new AppError("feed_file_not_recognised", "invalid", message);

/** The events of a JSON-lines or JSON-array file read through `mapping`, in batches. */
export async function* parseMappedJson(
  chunks: AsyncIterable<string | Uint8Array>,
  options: { mapping: FeedColumnMapping; feedName: string },
): AsyncGenerator<ParsedFeedBatch> {
  const mapping = new Map(Object.entries(options.mapping).map(([c, f]) => [c.trim().toLowerCase(), f]));
  let first = true;
  for await (const elements of jsonElements(chunks)) {
    const batch: ParsedFeedBatch = { events: [], malformed: [] };
    for (const { line, text } of elements) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        if (first) throw notRecognised(`Line ${line} is not JSON`);
        batch.malformed.push({ line, message: "not JSON" });
        continue;
      }
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        if (first) throw notRecognised(`Line ${line} is not a JSON object`);
        batch.malformed.push({ line, message: "not a JSON object" });
        continue;
      }
      const values = [...flatten(value as Record<string, unknown>, "", mapping)];
      // A file the mapping does not fit at all is refused at its first object, not counted row by row.
      if (first && !values.some(([, , field]) => field !== null)) {
        const names = [...mapping.keys()].slice(0, 8).join(", ");
        throw notRecognised(`The first object has none of the source's mapped keys (${names})`);
      }
      first = false;
      const event = mappedEvent(values, options.feedName);
      if (typeof event === "string") batch.malformed.push({ line, message: event });
      else batch.events.push({ ...event, line });
    }
    if (batch.events.length > 0 || batch.malformed.length > 0) yield batch;
  }
  if (first) throw notRecognised("The file holds no JSON object");
}

/** An object's values by dotted path, with the field the mapping gives each. */
function* flatten(
  object: Record<string, unknown>,
  prefix: string,
  mapping: Map<string, FeedEventField>,
): Generator<MappedValue> {
  for (const [key, value] of Object.entries(object)) {
    const name = prefix + key;
    if (value === null || value === undefined) continue;
    if (typeof value === "object" && !Array.isArray(value)) {
      yield* flatten(value as Record<string, unknown>, `${name}.`, mapping);
      continue;
    }
    const raw = typeof value === "string" ? value : JSON.stringify(value);
    yield [name, raw, mapping.get(name.toLowerCase()) ?? null];
  }
}

interface Element {
  line: number;
  text: string;
}

/** The file's objects as text, with the line each starts on: lines, or the elements of one array. */
async function* jsonElements(chunks: AsyncIterable<string | Uint8Array>): AsyncGenerator<Element[]> {
  const decoder = new TextDecoder("utf-8");
  // An object, not a variable: the scanner closure changes it, which narrowing would not see.
  const at: { mode: "unknown" | "lines" | "array" | "after" } = { mode: "unknown" };
  let line = 1;
  let current = "";
  let start = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  /** After "[" or ",": the next non-blank character starts an element (its line is the element's). */
  let awaiting = true;
  const feed = (text: string): Element[] => {
    const out: Element[] = [];
    let from = 0;
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      if (at.mode === "unknown") {
        if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0xfeff) continue;
        if (c === 0x0a) {
          line += 1;
          continue;
        }
        at.mode = c === 0x5b ? "array" : "lines";
        from = at.mode === "array" ? i + 1 : i;
        start = line;
        if (at.mode === "array") continue;
      }
      if (at.mode === "lines") {
        if (c !== 0x0a) continue;
        const piece = current + text.slice(from, i);
        if (piece.trim() !== "") out.push({ line, text: piece });
        current = "";
        from = i + 1;
        line += 1;
        continue;
      }
      if (c === 0x0a) line += 1;
      if (at.mode === "after") {
        if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a)
          throw notRecognised(`Line ${line}: text after the array`);
        continue;
      }
      // Inside the array: strings and nesting decide where one element ends.
      if (awaiting && c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) {
        awaiting = false;
        start = line;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) inString = false;
        continue;
      }
      if (c === 0x22) inString = true;
      else if (c === 0x7b || c === 0x5b) depth += 1;
      else if (c === 0x7d || (c === 0x5d && depth > 0)) depth -= 1;
      else if (depth === 0 && (c === 0x2c || c === 0x5d)) {
        const piece = current + text.slice(from, i);
        if (piece.trim() !== "") out.push({ line: start, text: piece });
        else if (c === 0x2c) throw notRecognised(`Line ${line}: an empty array element`);
        // "]" right after "[" is an empty array: nothing to take.
        current = "";
        from = i + 1;
        awaiting = true;
        if (c === 0x5d) at.mode = "after";
      }
    }
    if (at.mode === "lines" || at.mode === "array") current += text.slice(from);
    if (current.length > MAX_ELEMENT)
      throw notRecognised(`Line ${start}: an object longer than ${MAX_ELEMENT} characters`);
    return out;
  };
  for await (const chunk of chunks) {
    const out = feed(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
    if (out.length > 0) yield out;
  }
  const out = feed(decoder.decode());
  if (at.mode === "lines" && current.trim() !== "") out.push({ line, text: current });
  else if (at.mode === "array") throw notRecognised("The JSON array is never closed");
  if (out.length > 0) yield out;
}
