import { isUtf8 } from "node:buffer";

// A streaming reader of RPSL as the RIPE database's split files write it (ripe.db.inetnum, …): objects
// separated by blank lines, `%` and `#` comment lines, `key: value` attributes, continuation lines
// starting with a space, a tab or `+`. The full inetnum file is several GB, so it works on the bytes:
// lines are found with Buffer.indexOf (memchr), attribute names are compared as bytes against the few
// the caller wants, and only those values are ever decoded into strings. An object of a class nobody
// asked for, or one the caller rejects by an attribute (its country outside the filter), is skipped by
// searching for the next blank line, never split into lines. It holds one chunk, one unfinished line
// and the kept attributes of one object.

/** One object: its class (the first attribute's name), its key (that attribute's value) and its line. */
export interface RpslObject {
  class: string;
  key: string;
  line: number;
  /** The kept attributes, each with its values in order (continuation lines joined with a space). */
  attributes: Record<string, string[] | undefined>;
}

/** A malformed object, by the line where the fault is. */
export interface RpslProblem {
  line: number;
  message: string;
}

export interface RpslBatch {
  objects: RpslObject[];
  problems: RpslProblem[];
  /** Objects read in this batch, kept or not (of every class): what objects/s counts. */
  read: number;
}

export interface RpslSpec {
  /** The classes read, each with the attributes kept of it (lower-case names). */
  classes: Readonly<Record<string, readonly string[]>>;
  /**
   * Called with each kept attribute as it is read (before any continuation lines): true skips the
   * rest of the object, unbuilt — how a country filter costs almost nothing for the objects it drops.
   */
  reject?(cls: string, attribute: string, value: string): boolean;
  /** The longest line accepted (bytes); a longer one stops the reader. Default 1 MiB. */
  maxLineBytes?: number;
}

/** A file that cannot be read as RPSL at all (a line past the limit): the import stops. */
export class RpslError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "RpslError";
  }
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const PLUS = 43;
const COLON = 58;
const HASH = 35;
const PERCENT = 37;
const BLANK_LF = Buffer.from("\n\n");
const BLANK_CRLF = Buffer.from("\n\r\n");
/** Values past these bounds make the object malformed, so one object cannot fill the memory. */
const MAX_VALUE_CHARS = 65_536;
const MAX_VALUES = 10_000;
/** Attributes whose values are free text, where `#` is a character and not an end-of-line comment. */
const FREE_TEXT = new Set(["org-name", "descr", "remarks", "address", "role", "person", "netname"]);

interface ClassTable {
  name: string;
  bytes: Buffer;
  attributes: { name: string; bytes: Buffer }[];
}

/** Reads RPSL objects from byte chunks, in batches (one per chunk). */
export async function* readRpsl(chunks: AsyncIterable<Uint8Array>, spec: RpslSpec): AsyncGenerator<RpslBatch> {
  const reader = new RpslReader(spec);
  let carry: Buffer | null = null;
  for await (const chunk of chunks) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const buf: Buffer = carry === null || carry.length === 0 ? bytes : Buffer.concat([carry, bytes]);
    const consumed = reader.feed(buf, false);
    carry = consumed < buf.length ? Buffer.from(buf.subarray(consumed)) : null;
    if (carry !== null && carry.length > reader.maxLine) throw new RpslError(reader.line, "line too long");
    const batch = reader.take();
    if (batch.read > 0 || batch.problems.length > 0 || batch.objects.length > 0) yield batch;
  }
  if (carry !== null && carry.length > 0) reader.feed(Buffer.concat([carry, Buffer.from("\n")]), true);
  reader.end();
  const batch = reader.take();
  if (batch.read > 0 || batch.problems.length > 0 || batch.objects.length > 0) yield batch;
}

class RpslReader {
  readonly maxLine: number;
  line = 1;
  private readonly classes: ClassTable[];
  private readonly reject: RpslSpec["reject"];
  private objects: RpslObject[] = [];
  private problems: RpslProblem[] = [];
  private read = 0;
  /** outside: between objects; keep: reading a wanted object; skip: inside an object we do not want. */
  private state: "outside" | "keep" | "skip" = "outside";
  private current: RpslObject | null = null;
  private currentTable: ClassTable | null = null;
  /** The values array the last kept attribute went into, for its continuation lines; null when not kept. */
  private lastValues: string[] | null = null;
  private lastFree = false;
  private valueCount = 0;
  private crlf = false;

  constructor(spec: RpslSpec) {
    this.maxLine = spec.maxLineBytes ?? 1 << 20;
    this.reject = spec.reject;
    this.classes = Object.entries(spec.classes).map(([name, attributes]) => ({
      name,
      bytes: Buffer.from(name),
      attributes: [...new Set([name, ...attributes])].map((a) => ({ name: a, bytes: Buffer.from(a) })),
    }));
  }

  take(): RpslBatch {
    const batch = { objects: this.objects, problems: this.problems, read: this.read };
    this.objects = [];
    this.problems = [];
    this.read = 0;
    return batch;
  }

  end(): void {
    this.finishObject();
  }

  /** Reads the complete lines of `buf`; answers how many bytes they took. */
  feed(buf: Buffer, final: boolean): number {
    const end = buf.length;
    let pos = 0;
    while (pos < end) {
      if (this.state === "skip") {
        // Skipping: the object ends at the next empty line; every line on the way is only counted.
        if (buf[pos] === LF || (buf[pos] === CR && buf[pos + 1] === LF)) {
          this.finishObject();
          continue;
        }
        const blank = buf.indexOf(this.crlf ? BLANK_CRLF : BLANK_LF, pos);
        if (blank < 0) {
          const lastLf = buf.lastIndexOf(LF, end - 1);
          if (lastLf < pos) return pos;
          this.line += countLf(buf, pos, lastLf + 1);
          pos = lastLf + 1;
          continue;
        }
        this.line += countLf(buf, pos, blank + 1);
        pos = blank + 1;
        continue;
      }
      const lf = buf.indexOf(LF, pos);
      if (lf < 0) return final ? end : pos;
      let lineEnd = lf;
      if (lineEnd > pos && buf[lineEnd - 1] === CR) {
        lineEnd -= 1;
        if (this.line === 1 || !this.crlf) this.crlf = true;
      }
      this.takeLine(buf, pos, lineEnd);
      // A line may end the object (blank) and start skipping; either way the line is done.
      pos = lf + 1;
      this.line += 1;
    }
    return pos;
  }

  /** One complete line (without its line end), in keep or outside state. */
  private takeLine(buf: Buffer, start: number, end: number): void {
    const first = start < end ? buf[start] : -1;
    if (first === PERCENT || first === HASH) return;
    if (first === -1 || isBlank(buf, start, end)) {
      this.finishObject();
      return;
    }
    if (first === SPACE || first === TAB || first === PLUS) {
      if (this.state === "outside") {
        // A stray line, no object: reported, and the next line may start one.
        this.problems.push({ line: this.line, message: "a continuation line outside an object" });
        return;
      }
      if (this.lastValues !== null) this.continueValue(buf, first === PLUS ? start + 1 : start, end);
      return;
    }
    const colon = attributeNameEnd(buf, start, end);
    if (colon < 0) {
      if (this.state === "outside") this.read += 1;
      this.malformed("not an attribute (`name: value`)");
      return;
    }
    if (this.state === "outside") {
      this.read += 1;
      const table = this.classes.find((c) => sameName(buf, start, colon, c.bytes)) ?? null;
      if (table === null) {
        this.state = "skip";
        return;
      }
      this.state = "keep";
      this.currentTable = table;
      this.current = { class: table.name, key: "", line: this.line, attributes: {} };
      this.valueCount = 0;
    }
    const table = this.currentTable;
    const object = this.current;
    if (table === null || object === null) return;
    const attribute = table.attributes.find((a) => sameName(buf, start, colon, a.bytes));
    if (attribute === undefined) {
      this.lastValues = null;
      return;
    }
    const free = FREE_TEXT.has(attribute.name);
    const value = decodeValue(buf, colon + 1, end, free);
    if (attribute.name === table.name && object.key === "") object.key = value;
    if (this.reject?.(table.name, attribute.name, value) === true) {
      this.state = "skip";
      this.current = null;
      this.lastValues = null;
      return;
    }
    let values = object.attributes[attribute.name];
    if (values === undefined) {
      values = [];
      object.attributes[attribute.name] = values;
    }
    values.push(value);
    this.lastValues = values;
    this.lastFree = free;
    if (++this.valueCount > MAX_VALUES) this.malformed("too many attributes");
  }

  private continueValue(buf: Buffer, start: number, end: number): void {
    const values = this.lastValues;
    if (values === null || values.length === 0) return;
    const more = decodeValue(buf, start, end, this.lastFree);
    if (more === "") return;
    const last = values[values.length - 1] ?? "";
    const joined = last === "" ? more : `${last} ${more}`;
    if (joined.length > MAX_VALUE_CHARS) {
      this.malformed("an attribute value is too long");
      return;
    }
    values[values.length - 1] = joined;
  }

  /** The object being read is malformed: reported once, by this line, and skipped. */
  private malformed(message: string): void {
    this.problems.push({ line: this.line, message });
    this.state = "skip";
    this.current = null;
    this.lastValues = null;
  }

  private finishObject(): void {
    if (this.state === "keep" && this.current !== null) this.objects.push(this.current);
    this.state = "outside";
    this.current = null;
    this.currentTable = null;
    this.lastValues = null;
  }
}

function countLf(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(LF, from); i >= 0 && i < to; i = buf.indexOf(LF, i + 1)) n += 1;
  return n;
}

function isBlank(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) {
    const c = buf[i];
    if (c !== SPACE && c !== TAB) return false;
  }
  return true;
}

/** The index of the colon ending an attribute name at `start`, or -1 when the line is not `name: value`. */
function attributeNameEnd(buf: Buffer, start: number, end: number): number {
  for (let i = start; i < end; i += 1) {
    const c = buf[i] ?? 0;
    if (c === COLON) return i > start ? i : -1;
    // Letters, digits, '-' and '_' (RPSL attribute names); anything else is no attribute.
    const letter = (c | 0x20) >= 97 && (c | 0x20) <= 122;
    if (!letter && !(c >= 48 && c <= 57) && c !== 45 && c !== 95) return -1;
  }
  return -1;
}

/** Is buf[start, end) the lower-case ASCII `name`, in any case? */
function sameName(buf: Buffer, start: number, end: number, name: Buffer): boolean {
  if (end - start !== name.length) return false;
  for (let i = 0; i < name.length; i += 1) {
    const c = buf[start + i] ?? 0;
    const lower = c >= 65 && c <= 90 ? c | 0x20 : c;
    if (lower !== name[i]) return false;
  }
  return true;
}

/**
 * A value without surrounding blanks (and, outside free text, without its `#` end-of-line comment).
 * The split files are Latin-1 and newer exports UTF-8: a value is read as UTF-8 when it is valid
 * UTF-8, else as Latin-1 — a Latin-1 name is almost never valid UTF-8 by accident.
 */
function decodeValue(buf: Buffer, start: number, end: number, free: boolean): string {
  let s = start;
  let e = end;
  if (!free) {
    // Within the line only: buf.indexOf would search on to the end of the chunk for every value.
    for (let i = s; i < e; i += 1) {
      if (buf[i] === HASH) {
        e = i;
        break;
      }
    }
  }
  while (s < e && (buf[s] === SPACE || buf[s] === TAB)) s += 1;
  while (e > s && (buf[e - 1] === SPACE || buf[e - 1] === TAB || buf[e - 1] === CR)) e -= 1;
  if (e - s > MAX_VALUE_CHARS) e = s + MAX_VALUE_CHARS;
  let ascii = true;
  for (let i = s; i < e; i += 1) {
    if ((buf[i] ?? 0) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return buf.toString("latin1", s, e);
  const slice = buf.subarray(s, e);
  return isUtf8(slice) ? slice.toString("utf8") : buf.toString("latin1", s, e);
}

/** The first value of an attribute, or undefined. */
export const firstValue = (object: RpslObject, attribute: string): string | undefined =>
  object.attributes[attribute]?.[0];
