import * as characters from "./characters.js";
import { markerEndsAt } from "./refang.js";
import type { ValueSink } from "./sink.js";
import { readToken } from "./token.js";

// The scanner: one pass over the text, a table lookup per character. Every value holds one of
// `. : @ /`, a run of 32 hex digits, "CVE-" or "AS", or is written defanged; a token (the text
// between two hard delimiters) with none of them is passed over without a second look, so prose
// costs little. A token is looked at a bounded number of times, so the whole is linear in the text
// whatever it holds.

// Copied into locals once: a module transform (Vitest's) turns each use of an imported binding into a
// property read, which made the per-character loop thirty times slower under test.
const { CHARACTER_CLASS, HARD, HEX, MAX_DEFANGED_LENGTH, MAX_TOKEN_LENGTH, TRIGGER, WORD_END } = characters;
const SPACED_ASN = /[ \t]{1,4}([1-9]\d{0,9})(?![0-9A-Za-z_])/y;
const ASN_WORD = /(?:^|[^0-9A-Za-z])AS(?:N:?)?$/;
const MAX_ASN = 4_294_967_295;

/** True when the text between start and end holds a run of 32 hex digits (a hash, perhaps). */
function hasHexRun(text: string, start: number, end: number): boolean {
  let run = 0;
  for (let i = start; i < end; i++) {
    run = (CHARACTER_CLASS[text.charCodeAt(i)] ?? 0) & HEX ? run + 1 : 0;
    if (run >= 32) return true;
  }
  return false;
}

function isCveDash(text: string, dash: number): boolean {
  return (
    dash >= 3 &&
    (text.charCodeAt(dash - 3) | 32) === 99 &&
    (text.charCodeAt(dash - 2) | 32) === 118 &&
    (text.charCodeAt(dash - 1) | 32) === 101
  );
}

// The characters are copied a window at a time into a typed array. Reading a typed array is the same
// fast code whatever the string's internal layout (joined, sliced, one- or two-byte); charCodeAt in
// this loop ran four times slower once a process had seen every layout (as a server does).
const WINDOW = 16_384;

/** Gives every value in the text to `sink`, in order, until the sink is full. */
export function scanText(text: string, sink: ValueSink): void {
  const read = new Set<string>();
  const units = new Uint16Array(WINDOW);
  const bytes = Buffer.from(units.buffer);
  const spacedAsn = new RegExp(SPACED_ASN.source, "y");
  let tokenStart = 0;
  // What the token holds so far: "AS" or "CVE-" (special), a defang marker, and how many of `. : @ /`
  // and where the last one was. A token whose one such character ends it ("läckt.", "From:") holds
  // no value: that character is punctuation. A long token without any is looked at for a hash.
  let special = false;
  let marked = false;
  let triggers = 0;
  let lastTrigger = -1;
  for (let base = 0; ; base += WINDOW) {
    const length = Math.min(WINDOW, text.length - base);
    bytes.write(text.slice(base, base + length), 0, 2 * length, "utf16le");
    // The end of the text ends the last token, as a delimiter would.
    const final = base + length === text.length;
    for (let j = 0; j < length + (final ? 1 : 0); j++) {
      const code = j < length ? (units[j] as number) : 32;
      const bits = CHARACTER_CLASS[code] as number;
      if ((bits & (HARD | TRIGGER | WORD_END)) === 0) continue;
      const i = base + j;
      if ((bits & HARD) === 0) {
        if ((bits & TRIGGER) !== 0) {
          triggers++;
          lastTrigger = i;
        } else if ((code === 83 && text.charCodeAt(i - 1) === 65) || (code === 45 && isCveDash(text, i))) {
          special = true;
        } else if ((code === 41 || code === 93 || code === 125) && markerEndsAt(text, i + 1)) {
          marked = true;
        }
        continue;
      }
      const start = tokenStart;
      // A defanged token may be five times its refanged length ("[dot]" is one ".").
      const size = i - start;
      const worthReading =
        size <= (marked ? MAX_DEFANGED_LENGTH : MAX_TOKEN_LENGTH) &&
        (special ||
          marked ||
          (size >= 3 && (triggers > 1 || (triggers === 1 && lastTrigger < i - 1))) ||
          (size >= 32 && hasHexRun(text, start, i)));
      const tokenMarked = marked;
      tokenStart = i + 1;
      special = false;
      marked = false;
      triggers = 0;
      if (!worthReading) continue;
      const token = text.slice(start, i);
      readToken(token, tokenMarked, sink, read);
      // "AS 3301" and "ASN: 3301" span two tokens.
      if ("SN:".includes(token.charAt(token.length - 1)) && ASN_WORD.test(token.slice(-5))) {
        spacedAsn.lastIndex = i;
        const number = spacedAsn.exec(text)?.[1];
        if (number !== undefined && Number(number) <= MAX_ASN) sink.add({ type: "asn", value: `AS${number}` });
      }
      if (sink.full) return;
    }
    if (final) return;
  }
}
