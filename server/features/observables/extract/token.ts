import type { TypedValue } from "../../../../contract/observables.js";
import * as characters from "./characters.js";
import { type Context, IN_URL, MARKED, type Mode, TEXT, classifyPiece } from "./classify.js";
import { parseEmail } from "./identifiers.js";
import { readUnixPath, readWindowsPath } from "./path.js";
import { type Reader, isEncoded, percentDecode, readTokenText } from "./pieces.js";
import { refang } from "./refang.js";
import type { ValueSink } from "./sink.js";

// One token (the text between two hard delimiters): paths and registry keys first (they may run on
// over spaces), then the token unescaped, refanged and decoded, then its URLs and pieces.

/** What the words before a token said (scan.ts tracks them within a line). */
export interface Around {
  ja3: boolean;
  ja4: boolean;
  messageId: boolean;
  afterVersion: boolean;
}
export const NOTHING_AROUND: Around = { ja3: false, ja4: false, messageId: false, afterVersion: false };

/** Where the scan is: the mode of the text, and how deep in decoded text (bounded). */
export interface Level {
  mode: Mode;
  depth: number;
  /** Reads decoded text one level deeper (the scanner itself). */
  scan(text: string, mode: Mode, depth: number): void;
  /** What readTokenText calls with text that decoding revealed: `scan`, while below the depth bound. */
  reader: Reader;
}

/** The reader of a level: made once per scan, not once per token. */
export function levelReader(level: Omit<Level, "reader">): Reader {
  return {
    nested: (decoded, inner) => {
      if (level.depth < MAX_DEPTH) level.scan(decoded, inner.mode, level.depth + 1);
    },
  };
}

// A local copy: Vitest's module transform makes each use of an imported binding a property read.
const { CHARACTER_CLASS, PIECE } = characters;
const MAX_DEPTH = 2;
const WINDOWS_URL = /(h[tx*_]{2}ps?|ftp):\\+/i;
const DOUBLE_UNDERSCORE_SCHEME = /(^|[^A-Za-z])(h[tx*]{2}ps?)__(?=[\p{L}\p{N}])/giu;
const ADDRESS_LITERAL_MAIL =
  /[\p{L}\p{N}._%+\-!#$&*=?^{}~]{1,64}@\[(?:IPv6:[0-9A-Fa-f:.]{2,45}|\d{1,3}(?:\.\d{1,3}){3})\]/giu;

/**
 * A backslash outside a path: "\/" (JSON) and "\." (regular expressions) stand for the character;
 * "http:\\host\path" is a URL; "\n", "\t", "\r" inside a word are escapes (at a word's start, as in
 * "\rundll32.exe", a path's separator); any other backslash separates words.
 */
export function unescape(token: string): string {
  // In a URL's query a backslash is data (WHATWG keeps it): "?s=/Index/\\think\\app/…".
  const scheme = token.indexOf("://");
  if (scheme > 0 && token.lastIndexOf("?", token.indexOf("\\")) > scheme) return token;
  let text = token.replace(/\\+([./])/g, "$1");
  const url = WINDOWS_URL.exec(text);
  if (url) {
    const rest = text.slice(url.index + url[0].length).replace(/\\/g, "/");
    text = `${text.slice(0, url.index)}${url[1] ?? ""}://${rest}`;
  }
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c !== "\\") {
      out += c;
      continue;
    }
    const next = text.charAt(i + 1);
    if (i > 0 && text.charAt(i - 1) !== " " && (next === "n" || next === "r" || next === "t")) i++;
    out += " ";
  }
  return out;
}

/** The context of a part of a token (written out: an object spread is slow on this path). */
function contextOf(part: string, mode: Mode, around: Around, level: Level): Context {
  return {
    mode,
    token: part,
    ja3: around.ja3,
    ja4: around.ja4,
    messageId: around.messageId,
    afterVersion: around.afterVersion,
    decoded: level.depth > 0,
  };
}

function emit(found: readonly TypedValue[], sink: ValueSink): void {
  for (const value of found) sink.add(value);
}

/** Reads one part of a token (no hard delimiter, no backslash left). */
function readPart(part: string, ctx: Context, level: Level, found: TypedValue[]): void {
  if (level.depth < MAX_DEPTH && isEncoded(part) && !/^[a-z*]{2,10}:\/\//i.test(part)) {
    level.scan(percentDecode(part), ctx.mode, level.depth + 1);
    return;
  }
  let text = part;
  if (text.includes("@[")) {
    text = text.replace(ADDRESS_LITERAL_MAIL, (mail) => {
      const address = parseEmail(mail);
      if (address) found.push({ type: "email", value: address.email }, address.domain);
      return " ".repeat(mail.length);
    });
  }
  readTokenText(text, ctx, found, level.reader);
}

/** Reads a token's text (its paths already taken out): unescaped, refanged, split where escapes were spaces. */
export function readToken(raw: string, marked: boolean, around: Around, level: Level, sink: ValueSink): void {
  let token = raw.includes("\\") ? unescape(raw) : raw;
  if (marked) token = refang(token);
  if (token.includes("__")) token = token.replace(DOUBLE_UNDERSCORE_SCHEME, "$1$2://");
  // A defanged token was marked as an indicator on purpose: no guessing whether it is a file name.
  const mode: Mode = level.mode === TEXT && marked ? MARKED : level.mode;
  const found: TypedValue[] = [];
  for (const part of token.includes(" ") ? token.split(" ") : [token]) {
    if (part.length > 0) readPart(part, contextOf(part, mode, around, level), level, found);
  }
  emit(found, sink);
}

/**
 * True when the token is one piece and no more: value characters only, none of `/ @ : %` (URLs,
 * paths, addresses, ports, encodings) and no "__" (a scheme written with underscores). Most tokens
 * worth a look are (an address, a name, a hash, an identifier); they go straight to classifyPiece.
 */
function isOnePiece(token: string): boolean {
  for (let at = 0; at < token.length; at++) {
    const code = token.charCodeAt(at);
    if (((CHARACTER_CLASS[code] as number) & PIECE) === 0 || code === 47 || code === 64 || code === 58 || code === 37) {
      return false;
    }
    if (code === 95 && token.charCodeAt(at + 1) === 95) return false;
  }
  return true;
}

const isLetter = (code: number): boolean => (code | 32) >= 97 && (code | 32) <= 122;

/**
 * Reads the token text[start, end): a path or registry key in it (read on past its end when it holds
 * spaces), and the rest as a token. Returns where reading stopped (≥ end).
 */
export function readTokenAt(
  text: string,
  start: number,
  end: number,
  lineEnd: number,
  flags: { marked: boolean; backslash: boolean },
  around: Around,
  level: Level,
  sink: ValueSink,
): number {
  const raw = text.slice(start, end);
  if (!flags.marked && !flags.backslash && isOnePiece(raw)) {
    // What readToken would come to by way of readPart, readTokenText and scanPieces.
    const found: TypedValue[] = [];
    classifyPiece(raw, contextOf(raw, level.mode, around, level), found);
    emit(found, sink);
    return end;
  }
  const first = raw.charCodeAt(0);
  const driveSlash = isLetter(first) && raw.charCodeAt(1) === 58 && raw.charCodeAt(2) === 47;
  let path = null;
  if (level.mode !== IN_URL && (flags.backslash || driveSlash) && !WINDOWS_URL.test(raw.slice(0, 12))) {
    path = readWindowsPath(text, start, end, lineEnd);
  }
  if (path === null && level.mode !== IN_URL && raw.includes("/")) path = readUnixPath(text, start, end, lineEnd);
  if (path === null) {
    readToken(raw, flags.marked, around, level, sink);
    return end;
  }
  if (path.start > start) readToken(text.slice(start, path.start), flags.marked, around, level, sink);
  emit(path.values, sink);
  if (path.end < end) readToken(text.slice(path.end, end), flags.marked, around, level, sink);
  return Math.max(end, path.end);
}
