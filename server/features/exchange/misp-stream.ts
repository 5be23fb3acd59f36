import type { Readable } from "node:stream";
import { AppError, invalid } from "../../platform/errors.js";

// Reading a MISP event JSON as it arrives (an upload of hundreds of megabytes): every element of an
// `Attribute` array (the event's own, and each `Object`'s) is handed over as soon as it is complete
// and then dropped; the rest of the event (its uuid, info, tags — small, and in MISP's own files often
// after the attributes) is kept as a skeleton with those arrays empty. Memory grows with one attribute
// and what the caller keeps of each, never with the file. Structural bytes ({}[]",:\) are ASCII and never
// part of a multi-byte UTF-8 sequence, so the scan works on bytes.

interface Frame {
  kind: "object" | "array";
  /** The key whose value is being read (objects), else null. */
  key: string | null;
  /** Elements seen so far (arrays). */
  index: number;
  /** An Attribute array whose elements are handed over (path of the array, "body.Event.Attribute"). */
  attributes: string | null;
  path: string;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const malformed = () => new AppError("malformed_json", "invalid", "The body is not valid JSON");
const notAnObject = (path: string) =>
  invalid("validation_failed", "An attribute is not an object", [
    { path, message: "An attribute is an object", code: "invalid_type" },
  ]);
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d, 0x2c]); // and the comma between elements

/** Whether an array at this place holds attributes: Event.Attribute or Event.Object[i].Attribute. */
function isAttributeArray(stack: readonly Frame[], key: string | null): boolean {
  if (key !== "Attribute") return false;
  const d = stack.length;
  if (d === 2) return stack[0]?.key === "Event"; // root { Event: { Attribute: [
  return d === 4 && stack[0]?.key === "Event" && stack[1]?.key === "Object" && stack[2]?.kind === "array";
}

/**
 * Streams the body: `onAttribute(path, value)` for every attribute element (parsed on its own), and
 * at the end the skeleton (the whole document with the attribute arrays empty). Throws malformed_json
 * for JSON that is not, and body_too_large past maxBytes.
 */
export async function streamMispEvent(
  body: Readable,
  maxBytes: number,
  onAttribute: (path: string, value: unknown) => void | Promise<void>,
): Promise<unknown> {
  const stack: Frame[] = [];
  const skeleton: Buffer[] = [];
  let element: Buffer[] = [];
  let capturing = 0; // depth at which the current attribute element started (0: none)
  let inString = false;
  let escaped = false;
  let stringBytes: number[] | null = null; // a key being read (short), else null
  let expectKey = false;
  let size = 0;
  for await (const raw of body as AsyncIterable<Buffer | string>) {
    const chunk = typeof raw === "string" ? Buffer.from(raw, "utf8") : raw;
    size += chunk.length;
    if (size > maxBytes)
      throw new AppError("body_too_large", "too_large", `The MISP event is larger than ${maxBytes} bytes`);
    let keepFrom = 0; // start of the chunk's part that goes to the skeleton or the element
    // Bytes so far go to the element being read, or the skeleton; between elements (commas) nowhere.
    const flush = (to: number) => {
      if (to > keepFrom) {
        if (capturing > 0) element.push(chunk.subarray(keepFrom, to));
        else if (!stack[stack.length - 1]?.attributes) skeleton.push(chunk.subarray(keepFrom, to));
      }
      keepFrom = to;
    };
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as number;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) {
          inString = false;
          if (stringBytes !== null) {
            const top = stack[stack.length - 1];
            if (top) top.key = Buffer.from(stringBytes).toString("utf8");
            stringBytes = null;
          }
          continue;
        }
        if (stringBytes !== null && stringBytes.length < 64) stringBytes.push(c);
        continue;
      }
      const top = stack[stack.length - 1];
      if (capturing === 0 && top?.attributes && c !== 0x7b && c !== 0x5d && !WHITESPACE.has(c))
        throw notAnObject(`${top.path}.${top.index}`);
      switch (c) {
        case QUOTE: {
          inString = true;
          // Keys matter only where an Attribute array can be (depth ≤ 4, outside an element).
          stringBytes = expectKey && capturing === 0 && top?.kind === "object" && stack.length <= 4 ? [] : null;
          expectKey = false;
          break;
        }
        case COLON:
          break;
        case 0x2c: // ","
          if (top?.kind === "object") expectKey = true;
          break;
        case 0x7b: // "{"
        case 0x5b: {
          // "["
          const parent = stack[stack.length - 1];
          const key = parent?.kind === "object" ? parent.key : null;
          if (parent?.attributes && capturing === 0) {
            flush(i);
            capturing = stack.length + 1;
            element = [];
          }
          const path = parent ? `${parent.path}.${parent.kind === "object" ? (key ?? "") : parent.index}` : "body";
          const attributes = c === 0x5b && capturing === 0 && isAttributeArray(stack, key) ? path : null;
          if (attributes) flush(i + 1); // "[" into the skeleton; the elements go elsewhere
          stack.push({ kind: c === 0x7b ? "object" : "array", key: null, index: 0, attributes, path });
          expectKey = c === 0x7b;
          break;
        }
        case 0x7d: // "}"
        case 0x5d: {
          // "]"
          const frame = stack.pop();
          if (!frame || (frame.kind === "object") !== (c === 0x7d)) throw malformed();
          if (frame.attributes) keepFrom = i; // the array's contents were elements, already handed over
          if (capturing > 0 && stack.length + 1 === capturing) {
            flush(i + 1);
            const parent = stack[stack.length - 1];
            const index = parent?.index ?? 0;
            let value: unknown;
            try {
              value = JSON.parse(Buffer.concat(element).toString("utf8")) as unknown;
            } catch {
              throw malformed();
            }
            element = [];
            capturing = 0;
            await onAttribute(`${parent?.path ?? "body"}.${index}`, value);
            keepFrom = i + 1;
          }
          const parent = stack[stack.length - 1];
          if (parent?.kind === "array") parent.index += 1;
          break;
        }
        default:
          break;
      }
    }
    flush(chunk.length);
  }
  if (stack.length > 0 || inString) throw malformed();
  try {
    return JSON.parse(Buffer.concat(skeleton).toString("utf8")) as unknown;
  } catch {
    throw malformed();
  }
}
