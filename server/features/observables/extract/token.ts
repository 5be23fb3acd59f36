import * as characters from "./characters.js";
import { classifyPiece } from "./classify.js";
import { refang } from "./refang.js";
import type { TypedValue } from "../../../../contract/observables.js";
import type { ValueSink } from "./sink.js";
import { parseUrl } from "./url.js";

// One token (the text between two hard delimiters): an http(s)/ftp URL from its scheme to the token's
// end, and pieces (runs of value characters) before it and in its path.

// Copied into locals once: Vitest's module transform turns each use of an imported binding into a
// property read, which is slow in per-character loops.
const { CHARACTER_CLASS, MAX_TOKEN_LENGTH, PIECE } = characters;
const SCHEME_DEFANGED = /hxxp|fxp/i;
const URL_SCHEME = /^(?:https?|ftp)$/i;

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Where an http(s) or ftp URL starts in the token, or -1. */
function findUrlStart(token: string): number {
  for (let at = token.indexOf("://"); at > 0; at = token.indexOf("://", at + 3)) {
    let start = at;
    while (start > 0 && isAsciiLetter(token.charCodeAt(start - 1))) start--;
    if (at - start <= 5 && URL_SCHEME.test(token.slice(start, at))) return start;
  }
  return -1;
}

function scanPieces(token: string, from: number, to: number, inRunningText: boolean, found: TypedValue[]): void {
  let i = from;
  while (i < to) {
    while (i < to && ((CHARACTER_CLASS[token.charCodeAt(i)] ?? 0) & PIECE) === 0) i++;
    const start = i;
    while (i < to && ((CHARACTER_CLASS[token.charCodeAt(i)] ?? 0) & PIECE) !== 0) i++;
    if (i > start) classifyPiece(token.slice(start, i), inRunningText, found);
  }
}

function scanToken(token: string, inRunningText: boolean, found: TypedValue[]): void {
  const urlStart = token.length > 10 ? findUrlStart(token) : -1;
  if (urlStart < 0) {
    scanPieces(token, 0, token.length, inRunningText, found);
    return;
  }
  scanPieces(token, 0, urlStart, inRunningText, found);
  const url = parseUrl(token.slice(urlStart));
  if (!url) {
    scanPieces(token, urlStart, token.length, inRunningText, found);
    return;
  }
  found.push({ type: "url", value: url.url }, url.host);
  // The path and query can hold values of their own: a hash in a VirusTotal link, a redirect target.
  let path = token.indexOf("://", urlStart) + 3;
  while (path < token.length && !"/?#".includes(token.charAt(path))) path++;
  scanPieces(token, path, token.length, inRunningText, found);
}

// Logs and mail repeat the same tokens (hosts, addresses, user agents, URLs) over and over. Within
// one text a token already read gives nothing new (values are deduplicated), so it is not read again.
// The set is bounded, and dropped with the text (its entries are slices of it).
const MAX_REMEMBERED_TOKEN = 256;
const REMEMBERED_LIMIT = 100_000;

/** Gives the values of one token to `sink`; `marked` says it holds a defang marker. */
export function readToken(raw: string, marked: boolean, sink: ValueSink, read: Set<string>): void {
  if (raw.length <= MAX_REMEMBERED_TOKEN) {
    if (read.has(raw)) return;
    if (read.size < REMEMBERED_LIMIT) read.add(raw);
  }
  const token = marked || SCHEME_DEFANGED.test(raw) ? refang(raw) : raw;
  if (token.length > MAX_TOKEN_LENGTH) return;
  const values: TypedValue[] = [];
  // A defanged token was marked as an indicator on purpose: no guessing whether it is a file name.
  scanToken(token, token === raw, values);
  for (const value of values) sink.add(value);
}
