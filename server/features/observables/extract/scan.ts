import * as characters from "./characters.js";
import { type Mode, TEXT } from "./classify.js";
import { parseFileName } from "./file-name.js";
import { isBareMarker, markerEndsAt } from "./refang.js";
import type { ValueSink } from "./sink.js";
import { SeenTokens } from "./seen.js";
import { type Around, type Level, levelReader, readToken, readTokenAt } from "./token.js";
import * as words from "./words.js";

// The scanner: one pass over the text, a table lookup per character. Every value holds one of
// `. : @ / \`, a run of 32 hex digits, is a word of a known shape (a wallet, a JA4, "AS…", "CVE"), or
// is written defanged; a token (the text between two hard delimiters) with none of them is passed
// over without a second look, so prose costs little. A token is looked at a bounded number of times,
// and every look past a token stays on its line and within a few words, so the whole is linear in
// the text whatever it holds. What a line holds is read the same whatever the lines before held.

// Copied into locals once: a module transform (Vitest's) turns each use of an imported binding into a
// property read, which made the per-character loop thirty times slower under test.
const { CHARACTER_CLASS, HARD, HEX, MAX_DEFANGED_LENGTH, MAX_TOKEN_LENGTH, TRIGGER, WORD_END } = characters;
const { wordKind, valueAfter } = words;
const { PLAIN, CVE_WORD, ASN_WORD, ASN_KEY, JA3_WORD, JA4X_WORD, MESSAGE_ID, VERSION, GLUED_ASN } = words;

/** Tokens after "JA3" or "JA4X" that the word still speaks for. */
const NAMED_FOR = 3;
/** The characters the scanner stops at: token ends, triggers, and the ends of words and markers. */
const EVENT = HARD | TRIGGER | WORD_END;
/** Words this long or longer may be a wallet, a JA4 or a MAC address (mayBeShapedWord). */
const SHAPED_WORD = 14;
const SPACED_OCTETS = /^\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const OCTET = /^\d{1,3}$/;

/** What the words before a token said, one object for each of the sixteen combinations (no allocation per token). */
const AROUND: readonly Around[] = Array.from({ length: 16 }, (_, bits) =>
  Object.freeze({
    ja3: (bits & 1) !== 0,
    ja4: (bits & 2) !== 0,
    messageId: (bits & 4) !== 0,
    afterVersion: (bits & 8) !== 0,
  }),
);
const NO_FLAGS = { marked: false, backslash: false };
const MARKED_ONLY = { marked: true, backslash: false };
const BACKSLASH = { marked: false, backslash: true };
const MARKED_BACKSLASH = { marked: true, backslash: true };

/**
 * 1 for the characters a word that names what follows can start with: the first letters words.ts
 * knows (AS, CVE, JA3, Message-ID, In-Reply-To, References, version, build, firmware) and the
 * brackets and emphasis wordStart steps over. A word starting with anything else is PLAIN.
 */
const MAY_NAME_NEXT = new Uint8Array(65_536);
for (const c of "aAcCjJmMiIrRvVbBfF([{*_") MAY_NAME_NEXT[c.charCodeAt(0)] = 1;

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

/** True when the token ends in the word AS, ASN, AS: or ASN: after a non-letter ("(ASN:", "<md5>.ASN"). */
function endsWithAsWord(text: string, start: number, end: number): boolean {
  let at = end;
  if (text.charCodeAt(at - 1) === 58) at--;
  if (text.charCodeAt(at - 1) === 78) at--;
  if (at - start < 2 || text.charCodeAt(at - 1) !== 83 || text.charCodeAt(at - 2) !== 65) return false;
  const before = at - 3 >= start ? text.charCodeAt(at - 3) : 32;
  return !((before >= 48 && before <= 57) || ((before | 32) >= 97 && (before | 32) <= 122));
}

/** ( [ { * _ */
/** A character a host label, user name or octet can end or start with: what a spaced marker may join. */
const isLabelEdge = (code: number): boolean =>
  (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122) || code === 95 || code >= 128;

const isWordOpener = (code: number): boolean =>
  code === 40 || code === 91 || code === 123 || code === 42 || code === 95;

/** Where a word starts inside a token that opens with brackets or emphasis ("(AS 3301)", "*CVE"). */
function wordStart(text: string, start: number, end: number): number {
  let at = start;
  while (at < end && at - start < 2 && isWordOpener(text.charCodeAt(at))) at++;
  return at;
}

/**
 * A word of a shape worth a look though it holds no trigger: wallet addresses, JA4 fingerprints,
 * MAC addresses with hyphens. Only the first characters and the length are looked at.
 */
function mayBeShapedWord(text: string, start: number, end: number): boolean {
  let at = wordStart(text, start, end);
  // "ja4=t13d…", "mac=00-1A-…": the value of a key.
  for (let k = at + 2; k < at + 9 && k < end; k++) {
    if (text.charCodeAt(k) === 61) {
      at = k + 1;
      break;
    }
  }
  const n = end - at;
  const first = text.charCodeAt(at);
  if (n >= 17 && n <= 19 && text.charCodeAt(at + 2) === 45) return true; // "00-1A-…"
  if (first === 49 || first === 51) return n >= 25 && n <= 37; // "1…", "3…": base58check
  if ((first | 32) === 98 && (text.charCodeAt(at + 1) | 32) === 99) return n >= 14 && n <= 76; // "bc1…"
  if ((first === 52 || first === 56) && n >= 95) return n <= 108; // "4…", "8…": Monero
  const underscore = n <= 26 ? 7 : n <= 37 ? 10 : 12;
  return n >= 25 && n <= 53 && text.charCodeAt(at + underscore) === 95; // JA4, JA4S, JA4H, JA4X
}

// The characters are copied a window at a time into a typed array. Reading a typed array is the same
// fast code whatever the string's internal layout (joined, sliced, one- or two-byte); charCodeAt in
// this loop ran four times slower once a process had seen every layout (as a server does).
const WINDOW = 16_384;

export interface ScanOptions {
  /** The text is a URL's decoded query (no file names or paths there). */
  mode?: Mode;
  /** How many decodings deep this text is. */
  depth?: number;
}

/** The length of a bare marker (" [.] ") that starts at `at`, or 0. */
function bareMarkerAt(text: string, at: number): number {
  for (let n = 3; n <= 5; n++) {
    if (text.charCodeAt(at + n) === 32 && isBareMarker(text.slice(at, at + n))) return n;
  }
  return 0;
}

/** Gives every value in the text to `sink`, in order, until the sink is full. */
export function scanText(text: string, sink: ValueSink, options: ScanOptions = {}): void {
  const within = {
    mode: options.mode ?? TEXT,
    depth: options.depth ?? 0,
    scan: (inner: string, mode: Mode, depth: number) => scanText(inner, sink, { mode, depth }),
  };
  const level: Level = { ...within, reader: levelReader(within) };
  let read: SeenTokens | null = null;
  const end = text.length;
  // One more unit than the window holds: the end of the text is written there as a line end.
  const units = new Uint16Array(Math.min(WINDOW, end) + 1);
  const bytes = Buffer.from(units.buffer);
  let tokenStart = 0;
  // What the token holds so far: "AS" or "CVE-" (special), a defang marker, a backslash, and how many
  // of `. : @ / \` and where the last one was. A token whose one such character ends it ("läckt.",
  // "From:") holds no value: that character is punctuation. A long token without any is looked at
  // for a hash or a shaped word.
  let special = false;
  let marked = false;
  let backslash = false;
  let triggers = 0;
  let lastTrigger = -1;
  // The line so far: the previous token, what the words before said, joins under way. All of it is
  // forgotten at a line end.
  let newLine = false;
  let prevStart = -1;
  let prevEnd = -1;
  let ja3For = 0;
  let ja4For = 0;
  let messageId = false;
  let versionNext = false;
  /** A bare marker ("[.]", " . ") was seen: the token after it is read joined with the words before. */
  let joinFrom = -1;
  /** A defanged URL without a path waits for the path after the space ("hxxp://x[.]com /a.php"). */
  let pathFrom = -1;
  /** A path read on past its token: tokens ending at or before this are part of it. */
  let resumeAt = -1;
  for (let base = 0; ; base += WINDOW) {
    const length = Math.min(WINDOW, end - base);
    if (length > 0) bytes.write(text.slice(base, base + length), 0, 2 * length, "utf16le");
    // The end of the text ends the last token, as a line end would.
    const final = base + length === end;
    if (final) units[length] = 10;
    const stop = final ? length + 1 : length;
    for (let j = 0; j < stop; j++) {
      // Most characters mean nothing here: passed over in a loop of their own, which keeps only a
      // few values in registers (the loop below holds the whole line's state).
      while (j < stop && ((CHARACTER_CLASS[units[j] as number] as number) & EVENT) === 0) j++;
      if (j === stop) break;
      const code = units[j] as number;
      const bits = CHARACTER_CLASS[code] as number;
      const i = base + j;
      if ((bits & HARD) === 0) {
        if ((bits & TRIGGER) !== 0) {
          triggers++;
          lastTrigger = i;
          if (code === 46) {
            // Half a marker: "evil[.com", "1.2.]3".
            if (text.charCodeAt(i - 1) === 91 || text.charCodeAt(i + 1) === 93) marked = true;
          } else if (code === 92) backslash = true;
          else if (code > 127) marked = true; // 。 ． ｡
        } else if ((code === 83 && text.charCodeAt(i - 1) === 65) || (code === 45 && isCveDash(text, i))) {
          special = true;
        } else if ((code === 41 || code === 93 || code === 125) && markerEndsAt(text, i + 1)) {
          marked = true;
        }
        continue;
      }
      const start = tokenStart;
      const size = i - start;
      const tokenMarked = marked;
      const tokenBackslash = backslash;
      const tokenSpecial = special;
      const tokenTriggers = triggers;
      tokenStart = i + 1;
      special = false;
      marked = false;
      backslash = false;
      triggers = 0;
      if (newLine) {
        newLine = false;
        prevStart = prevEnd = joinFrom = pathFrom = -1;
        ja3For = ja4For = 0;
        messageId = versionNext = false;
      }
      if (code === 10 || code === 13) newLine = true;
      if (size === 0 || i <= resumeAt) continue;
      // Most tokens are words of prose: nothing in them, no word that names what follows (those start
      // with one of a few letters), no join or quote under way. Such a word only moves the line on.
      if (
        size < SHAPED_WORD &&
        tokenTriggers === 0 &&
        !tokenSpecial &&
        !tokenMarked &&
        joinFrom < 0 &&
        pathFrom < 0 &&
        code !== 34 &&
        (MAY_NAME_NEXT[start >= base ? (units[start - base] as number) : text.charCodeAt(start)] as number) === 0
      ) {
        versionNext = false;
        if (ja3For > 0) ja3For--;
        if (ja4For > 0) ja4For--;
        prevStart = start;
        prevEnd = i;
        continue;
      }
      const worth =
        tokenSpecial ||
        tokenMarked ||
        (size >= 3 && (tokenTriggers > 1 || (tokenTriggers === 1 && lastTrigger < i - 1))) ||
        (size >= 32 && hasHexRun(text, start, i)) ||
        (size >= SHAPED_WORD && size <= 110 && mayBeShapedWord(text, start, i));
      const around = AROUND[
        (ja3For > 0 ? 1 : 0) | (ja4For > 0 ? 2 : 0) | (messageId ? 4 : 0) | (versionNext ? 8 : 0)
      ] as Around;
      versionNext = false;
      if (ja3For > 0) ja3For--;
      if (ja4For > 0) ja4For--;
      // Words that name what follows, and values spelt over several words.
      const wordAt = size <= 16 ? wordStart(text, start, i) : start;
      let kind = size <= 16 ? wordKind(text, wordAt, i - wordAt) : PLAIN;
      if (kind === PLAIN && tokenSpecial && endsWithAsWord(text, start, i)) kind = ASN_WORD;
      if (kind === CVE_WORD || kind === ASN_WORD || kind === ASN_KEY) {
        const value = valueAfter(kind, text, i);
        if (value) sink.add(value);
      } else if (kind === JA3_WORD) ja3For = NAMED_FOR;
      else if (kind === JA4X_WORD) ja4For = NAMED_FOR;
      else if (kind === MESSAGE_ID) messageId = true;
      else if (kind === VERSION) versionNext = true;
      if (size > (tokenMarked ? MAX_DEFANGED_LENGTH : MAX_TOKEN_LENGTH)) {
        prevStart = prevEnd = joinFrom = pathFrom = -1;
        continue;
      }
      const spaced = code === 32 && text.charCodeAt(start - 1) === 32 && start - prevEnd <= 2 && prevEnd >= 0;
      // "evil [.] com", "user [at] evil.se", "1.2.3 . 4": a marker alone between spaces joins its neighbours.
      // Never a URL's path or an address's colons: "http://a.se/ (.) ::1" is two values.
      if (
        spaced &&
        (size === 1 ? text.charCodeAt(start) === 46 : tokenMarked && size <= 5) &&
        isLabelEdge(text.charCodeAt(prevEnd - 1)) &&
        isLabelEdge(text.charCodeAt(i + 1))
      ) {
        const from = joinFrom >= 0 ? joinFrom : prevStart;
        const dot = size === 1;
        if (dot ? SPACED_OCTETS.test(text.slice(from, prevEnd)) : isBareMarker(text.slice(start, i)) !== null) {
          joinFrom = from;
          prevEnd = i;
          continue;
        }
      }
      if (joinFrom >= 0 && text.charCodeAt(start - 1) === 32 && start - prevEnd <= 2) {
        const joined = text.slice(joinFrom, i).replace(/ +/g, "");
        const defanged = /[[({]/.test(joined);
        if (defanged || OCTET.test(text.slice(start, i).replace(/[.,;:)]+$/, ""))) {
          prevEnd = i;
          // "evil [dot] co [dot] uk": wait for the last part.
          if (defanged && code === 32 && bareMarkerAt(text, i + 1) > 0) continue;
          joinFrom = -1;
          readToken(joined, defanged, around, level, sink);
          if (sink.full) return;
          continue;
        }
      }
      joinFrom = -1;
      if (pathFrom >= 0) {
        const joined = text.slice(pathFrom, prevEnd) + text.slice(start, i);
        pathFrom = -1;
        prevStart = start;
        prevEnd = i;
        readToken(joined, true, around, level, sink);
        if (sink.full) return;
        continue;
      }
      prevStart = start;
      prevEnd = i;
      if (tokenMarked && code === 32 && text.charCodeAt(i + 1) === 47 && text.charCodeAt(i + 2) !== 47) {
        const raw = text.slice(start, i);
        const scheme = raw.indexOf("://");
        if (scheme > 0 && !raw.includes("/", scheme + 3) && !raw.includes("[/]")) {
          pathFrom = start;
          continue;
        }
      }
      // A quoted file name with spaces: "Lönespecifikation mars.docm".
      if (code === 34 && text.charCodeAt(start - 1) === 32 && size >= 3) {
        const name = quotedFileName(text, start, i);
        if (name) {
          sink.add({ type: "filename", value: name });
          continue;
        }
      }
      if (!worth && kind !== GLUED_ASN) continue;
      const plain = !tokenBackslash && kind === PLAIN && !around.ja3 && !around.ja4 && !around.messageId;
      if (plain && !around.afterVersion && size <= MAX_REMEMBERED_TOKEN) {
        read ??= new SeenTokens(text, REMEMBERED_LIMIT);
        if (read.seenOrAdd(start, i, units, base, base + length)) continue;
      }
      const flags = tokenBackslash
        ? tokenMarked
          ? MARKED_BACKSLASH
          : BACKSLASH
        : tokenMarked
          ? MARKED_ONLY
          : NO_FLAGS;
      const next = readTokenAt(text, start, i, end, flags, around, level, sink);
      if (next > i) resumeAt = prevEnd = next;
      if (sink.full) return;
    }
    if (final) return;
  }
}

// Logs and mail repeat the same tokens (hosts, addresses, user agents, URLs) over and over. Within
// one text a token already read gives nothing new (values are deduplicated), so it is not read again.
// The table is bounded, and dropped with the scan (its entries are positions in the text).
const MAX_REMEMBERED_TOKEN = 256;
const REMEMBERED_LIMIT = 100_000;

/** The file name a quote ending at `close` holds, when it holds spaces and names a file ("Faktura mars.pdf"). */
function quotedFileName(text: string, tokenStart: number, close: number): string | null {
  for (let at = tokenStart - 1; at >= 0 && tokenStart - at <= 128; at--) {
    const code = text.charCodeAt(at);
    if (code === 34) {
      const name = text.slice(at + 1, close);
      return name.includes(" ") && !name.includes("  ") && parseFileName(name)?.type === "filename" ? name : null;
    }
    if (code !== 32 && characters.isHardDelimiter(code)) return null;
  }
  return null;
}
