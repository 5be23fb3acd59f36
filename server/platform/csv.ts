// A streaming CSV reader (RFC 4180: quoted fields, "" inside quotes, CRLF or LF, a field may span
// chunks and lines) for the files a CERT is sent: registry exports, Shadowserver reports, feeds of a
// million rows. It never holds more than one chunk plus one unfinished record, and yields records in
// batches so a caller pays one await per chunk, not per row.

/** One record and the line it starts on (1-based), so an error can name it. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export interface CsvOptions {
  /** The field separator; default ",". */
  delimiter?: string;
  /**
   * The longest record accepted, in characters. Past it the reader stops with a CsvError: an
   * unclosed quote in a 10 GB file must not become a 10 GB string.
   */
  maxRecordLength?: number;
}

/** A file that is not CSV as far as it went: an unclosed quote or an over-long record, with its line. */
export class CsvError extends Error {
  constructor(
    readonly line: number,
    readonly reason: "unclosed-quote" | "record-too-long",
  ) {
    super(
      reason === "unclosed-quote" ? `line ${line}: a quoted field is never closed` : `line ${line}: record too long`,
    );
    this.name = "CsvError";
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Reads CSV from text or byte chunks (bytes are UTF-8; a leading BOM is dropped). */
export async function* readCsv(
  chunks: AsyncIterable<string | Uint8Array>,
  options: CsvOptions = {},
): AsyncGenerator<CsvRecord[]> {
  const delimiter = (options.delimiter ?? ",").charCodeAt(0);
  const maxRecordLength = options.maxRecordLength ?? 1_000_000;
  const decoder = new TextDecoder("utf-8");
  let carry = "";
  let line = 1;
  let first = true;

  const take = (text: string, final: boolean): CsvRecord[] => {
    const out: CsvRecord[] = [];
    const parsed = parseComplete(text, final, delimiter, line, out);
    line = parsed.line;
    carry = text.slice(parsed.consumed);
    if (carry.length > maxRecordLength) throw new CsvError(line, "record-too-long");
    return out;
  };

  for await (const chunk of chunks) {
    let text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = text.length === 0;
    }
    const records = take(carry + text, false);
    if (records.length > 0) yield records;
  }
  const rest = carry + decoder.decode();
  if (rest.length > 0) {
    const records = take(rest, true);
    if (records.length > 0) yield records;
  }
}

/**
 * Parses the complete records at the start of `text` into `out`; returns how many characters they
 * took and the line the next record starts on. With `final`, the last record needs no line end.
 */
function parseComplete(
  text: string,
  final: boolean,
  delimiter: number,
  startLine: number,
  out: CsvRecord[],
): { consumed: number; line: number } {
  const end = text.length;
  let pos = 0;
  let line = startLine;
  let consumed = 0;
  let consumedLine = line;

  const separator = String.fromCharCode(delimiter);
  let nextQuote = text.indexOf('"');
  record: while (pos < end) {
    const recordLine = line;
    // The common case: a line without quotes is split natively, much faster than walking it.
    if (nextQuote >= 0 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
    let lineEnd = text.indexOf("\n", pos);
    if (lineEnd < 0 && final) lineEnd = end;
    if (lineEnd >= 0 && (nextQuote < 0 || nextQuote > lineEnd)) {
      const contentEnd = lineEnd > pos && text.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
      if (contentEnd > pos) out.push({ line: recordLine, fields: text.slice(pos, contentEnd).split(separator) });
      pos = lineEnd + 1;
      line += 1;
      consumed = Math.min(pos, end);
      consumedLine = line;
      continue;
    }
    if (lineEnd < 0 && (nextQuote < 0 || nextQuote < pos)) break;
    const fields: string[] = [];
    for (;;) {
      let value: string;
      if (text.charCodeAt(pos) === QUOTE) {
        // A quoted field: find the closing quote, "" being a quote inside.
        let from = pos + 1;
        let parts = "";
        for (;;) {
          const close = text.indexOf('"', from);
          if (close < 0) {
            if (final) throw new CsvError(recordLine, "unclosed-quote");
            break record;
          }
          const segment = text.slice(from, close);
          for (let i = segment.indexOf("\n"); i >= 0; i = segment.indexOf("\n", i + 1)) line += 1;
          parts += segment;
          if (text.charCodeAt(close + 1) === QUOTE) {
            parts += '"';
            from = close + 2;
            continue;
          }
          if (close + 1 === end && !final) break record;
          pos = close + 1;
          break;
        }
        value = parts;
        // Anything between the closing quote and the separator is kept, as lenient readers do.
        const stop = nextStop(text, pos, delimiter);
        if (stop < 0 && !final) break record;
        if (stop > pos || stop < 0) value += text.slice(pos, stop < 0 ? end : stop);
        pos = stop < 0 ? end : stop;
      } else {
        const stop = nextStop(text, pos, delimiter);
        if (stop < 0) {
          if (!final) break record;
          value = text.slice(pos);
          pos = end;
        } else {
          value = text.slice(pos, stop);
          pos = stop;
        }
      }
      fields.push(value);
      const c = text.charCodeAt(pos);
      if (c === delimiter) {
        pos += 1;
        continue;
      }
      if (c === CR && text.charCodeAt(pos + 1) === LF) pos += 2;
      else if (c === CR && pos + 1 === end && !final) break record;
      else if (c === LF || c === CR) pos += 1;
      line += 1;
      break;
    }
    // A blank line is no record (a trailing newline, or blank lines between blocks).
    if (!(fields.length === 1 && fields[0] === "")) out.push({ line: recordLine, fields });
    consumed = pos;
    consumedLine = line;
  }
  return { consumed, line: consumedLine };
}

/** The index of the next separator or line end from `pos`, or -1 when the text ends first. */
function nextStop(text: string, pos: number, delimiter: number): number {
  for (let i = pos; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === delimiter || c === LF || c === CR) return i;
  }
  return -1;
}
