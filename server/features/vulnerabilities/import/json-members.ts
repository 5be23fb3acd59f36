// Streams one JSON document of the shape `{ …, "<key>": [ e1, e2, … ], … }` (the KEV catalogue) without
// holding it: the array's elements are cut out of the text one at a time and parsed alone, so memory is
// one chunk plus one element, whatever the catalogue grows to. The other top-level members are small
// (catalogVersion, count) and parsed whole.

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const COLON = 58;
const COMMA = 44;

/** The document is not the expected JSON as far as it was read. */
export class JsonShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JsonShapeError";
  }
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

type Capture = "key" | "member" | "element";

/** The array's elements in batches (each chunk's worth); `header` holds the other members once read. */
export interface JsonArrayStream {
  elements: AsyncGenerator<unknown[]>;
  header: Record<string, unknown>;
}

/** Reads `key`'s array out of a top-level object; `maxElementChars` bounds one element (and one member). */
export function streamArrayMember(
  chunks: AsyncIterable<string | Uint8Array>,
  key: string,
  maxElementChars = 4_000_000,
): JsonArrayStream {
  const header: Record<string, unknown> = {};
  async function* elements(): AsyncGenerator<unknown[]> {
    const decoder = new TextDecoder("utf-8");
    let depth = 0;
    let inString = false;
    let escaped = false;
    // At depth 1: expecting a key, the colon, a value, or the comma after it.
    let state: "key" | "colon" | "value" | "inValue" = "key";
    let currentKey = "";
    let inArray = false;
    let expectElement = false;
    // What is being cut out (an object, so the closures below and the loop see one value).
    const cut: { kind: Capture | null; start: number; pending: string } = { kind: null, start: 0, pending: "" };
    let seenTarget = false;
    let done = false;
    let first = true;

    for await (const chunk of chunks) {
      let text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
      if (first && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      const out: unknown[] = [];
      const start = (kind: Capture, at: number) => {
        cut.kind = kind;
        cut.start = at;
        cut.pending = "";
      };
      const finish = (end: number): string => {
        const whole = cut.pending + text.slice(cut.start, end);
        cut.kind = null;
        cut.pending = "";
        return whole;
      };
      const parse = (raw: string, what: string): unknown => {
        try {
          return JSON.parse(raw) as unknown;
        } catch (err) {
          throw new JsonShapeError(`${what} is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
        }
      };
      const endMember = (end: number) => {
        if (cut.kind === "member") header[currentKey] = parse(finish(end), `"${currentKey}"`);
      };
      const endElement = (end: number) => {
        if (cut.kind === "element") out.push(parse(finish(end), `element ${out.length + 1} of "${key}"`));
      };

      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (done) {
          if (!isSpace(c)) throw new JsonShapeError("something follows the end of the document");
          continue;
        }
        if (inString) {
          if (escaped) escaped = false;
          else if (c === BACKSLASH) escaped = true;
          else if (c === QUOTE) {
            inString = false;
            if (cut.kind === "key") {
              currentKey = String(parse(finish(i + 1), "a key"));
              state = "colon";
            }
          }
          continue;
        }
        if (isSpace(c)) continue;
        if (depth === 0) {
          if (c !== OPEN_OBJECT) throw new JsonShapeError("the document is not a JSON object");
          depth = 1;
          state = "key";
          continue;
        }
        const startsValue =
          c === QUOTE ||
          c === OPEN_OBJECT ||
          c === OPEN_ARRAY ||
          (c !== COMMA && c !== COLON && c !== CLOSE_OBJECT && c !== CLOSE_ARRAY);
        if (depth === 1 && state === "key" && c === QUOTE) {
          start("key", i);
          inString = true;
          continue;
        }
        if (depth === 1 && state === "value" && startsValue) {
          state = "inValue";
          if (currentKey === key && c === OPEN_ARRAY) {
            inArray = true;
            seenTarget = true;
            expectElement = true;
            depth = 2;
            continue;
          }
          start("member", i);
        } else if (depth === 2 && inArray && expectElement && startsValue) {
          expectElement = false;
          start("element", i);
        }
        switch (c) {
          case QUOTE:
            inString = true;
            break;
          case OPEN_OBJECT:
          case OPEN_ARRAY:
            depth += 1;
            break;
          case CLOSE_ARRAY:
            if (depth === 2 && inArray) {
              endElement(i);
              inArray = false;
              depth = 1;
              break;
            }
            depth -= 1;
            break;
          case CLOSE_OBJECT:
            if (depth === 1) {
              endMember(i);
              depth = 0;
              done = true;
              break;
            }
            depth -= 1;
            break;
          case COLON:
            if (depth === 1 && state === "colon") state = "value";
            break;
          case COMMA:
            if (depth === 1) {
              endMember(i);
              state = "key";
            } else if (depth === 2 && inArray) {
              endElement(i);
              expectElement = true;
            }
            break;
          default:
            break;
        }
      }
      if (cut.kind !== null) {
        cut.pending += text.slice(cut.start);
        cut.start = 0;
        if (cut.pending.length > maxElementChars)
          throw new JsonShapeError(`an element of "${key}" is longer than ${maxElementChars} characters`);
      }
      if (out.length > 0) yield out;
    }
    if (!done) throw new JsonShapeError("the document ends before its closing brace");
    if (!seenTarget) throw new JsonShapeError(`the document has no "${key}" array`);
  }
  return { elements: elements(), header };
}
