import type { TypedValue } from "../../../../contract/observables.js";
import * as characters from "./characters.js";
import { type Context, IN_URL, TEXT, addEmail, classifyPiece, inMode } from "./classify.js";
import { nameFromText, normaliseDomain } from "./domain.js";
import { parseCidr, parseIPv4 } from "./ip.js";
import { isRealScheme, parseUrl, schemeFor } from "./url.js";

// One token's URLs and pieces. A URL runs from its scheme to the token's end, or to where it is cut:
// a Markdown link's "](", the "&" after a URL given as a query value, the "+" of a URL written into a
// shell command in a query. What a URL's path and query hold (a redirect target, an address, a hash)
// is read too, percent-decoded when encoded; a URL in a URL is read to a few levels.

// Copied into locals once: Vitest's module transform turns each use of an imported binding into a
// property read, which is slow in per-character loops.
const { CHARACTER_CLASS, PIECE } = characters;

/** URLs inside URLs inside URLs are read to this depth, then their text as pieces. */
const MAX_URL_DEPTH = 3;
const SCHEME_CHAR = /[A-Za-z*_]/;
/** Characters a local part may hold beyond a piece's (RFC 5322 atext). */
const LOCAL_SPECIALS = "#!$&*=?^{}~";
const ENCODED = /%(?:2[fF]|3[aAfF]|40|25|20|26|3[dD])/;
const HOST_END = "/?#\\";

export interface UrlStart {
  /** Where the scheme word starts, and where the text after "://" starts. */
  start: number;
  rest: number;
  scheme: string;
}

/** The next URL's scheme in the token at or after `from`: real, obfuscated ("hxxps", "h**p") or made up ("meow"). */
export function findUrlStart(token: string, from: number): UrlStart | null {
  for (let at = token.indexOf("://", from); at > from; at = token.indexOf("://", at + 3)) {
    let start = at;
    while (start > from && at - start < 10 && SCHEME_CHAR.test(token.charAt(start - 1))) start--;
    // Letters glued before a real scheme ("xhttps", "URLhttp") are not part of it.
    for (let k = start; k < at - 1; k++) {
      if (isRealScheme(token.slice(k, at))) {
        start = k;
        break;
      }
    }
    const scheme = start < at ? schemeFor(token.slice(start, at)) : null;
    if (scheme !== null) return { start, rest: at + 3, scheme };
  }
  return null;
}

/** Where a URL starting at `u` ends in the token (exclusive), before its tail is trimmed. */
function urlEnd(token: string, u: UrlStart, to: number, decoded: boolean): number {
  let end = to;
  const markdown = token.indexOf("](", u.rest);
  if (markdown >= 0 && markdown < end) end = markdown;
  const before = token.charAt(u.start - 1);
  const cut = before === "=" ? token.indexOf("&", u.rest) : before === "+" ? token.indexOf("+", u.rest) : -1;
  if (cut >= 0 && cut < end) end = cut;
  // In decoded text a ";" ends a shell command ("wget http://x/a.sh;chmod 777 a.sh").
  const semicolon = decoded ? token.indexOf(";", u.rest) : -1;
  if (semicolon >= 0 && semicolon < end) end = semicolon;
  return end;
}

/** Percent-decoded text, tolerant of stray "%" (decodeURIComponent throws on them). */
export function percentDecode(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** True when the text holds percent-encoded structure (/ : @ % space & = ?), so decoding reveals values. */
export function isEncoded(text: string): boolean {
  return text.includes("%") && ENCODED.test(text);
}

export interface Reader {
  /** Reads text that decoding revealed (it may hold spaces and quotes: a whole scan at one level deeper). */
  nested(text: string, ctx: Context): void;
}

/** A URL at `u` in the token: its value and host, then its path and query; the position after it. */
function readUrl(
  token: string,
  u: UrlStart,
  to: number,
  ctx: Context,
  found: TypedValue[],
  reader: Reader,
  depth: number,
): number {
  const end = urlEnd(token, u, to, ctx.decoded);
  let tail = token.slice(u.rest, end);
  // A URL copied out of HTML keeps its entities ("&amp;" between query parameters).
  if (tail.includes("&amp;")) tail = tail.replaceAll("&amp;", "&");
  // Markdown emphasis around a URL (_https://…_, *https://…*) is not part of it.
  const wrapper = token.charAt(u.start - 1);
  if ((wrapper === "_" || wrapper === "~") && tail.endsWith(wrapper)) tail = tail.slice(0, -1);
  const url = parseUrl(`${u.scheme}://${tail}`);
  if (!url) {
    scanPieces(token, u.rest, end, ctx, found, reader, depth);
    return end;
  }
  found.push({ type: "url", value: url.url }, url.host);
  let path = u.rest;
  while (path < end && !HOST_END.includes(token.charAt(path))) path++;
  const rest = token.slice(path, end);
  const inUrl = inMode(ctx, IN_URL);
  if (isEncoded(rest)) reader.nested(percentDecode(rest), inUrl);
  else readTokenText(rest, inUrl, found, reader, depth + 1);
  return end;
}

/** A host followed by a path without a scheme ("evil.com/a/b.php", "1.2.3.4:8080/x", "//cdn.evil.com/a.js"): the URL's end, or -1. */
function readHostPath(
  token: string,
  start: number,
  pieceEnd: number,
  to: number,
  ctx: Context,
  found: TypedValue[],
  reader: Reader,
  depth: number,
): number {
  const relative = token.startsWith("//", start);
  const hostStart = relative ? start + 2 : start;
  const slash = token.indexOf("/", hostStart);
  if (slash < 0 || slash >= pieceEnd - 1 || (start > 0 && token.charAt(start - 1) === "/")) return -1;
  const hostPort = token.slice(hostStart, slash);
  const colon = hostPort.lastIndexOf(":");
  const host = colon > 0 && /^\d{1,5}$/.test(hostPort.slice(colon + 1)) ? hostPort.slice(0, colon) : hostPort;
  if (!host.includes(".") || parseCidr(token.slice(hostStart, pieceEnd)) !== null) return -1;
  // "outside:10.1.2.3/54321" is an address and a port (Cisco), "1.2.3.4/24" a network.
  if (/^\d+$/.test(token.slice(slash + 1, pieceEnd))) return -1;
  const ok =
    parseIPv4(host) !== null ||
    (ctx.mode === TEXT ? nameFromText(host)?.type === "domain" : normaliseDomain(host) !== null);
  if (!ok) return -1;
  return readUrl(token, { start, rest: hostStart, scheme: "http" }, to, ctx, found, reader, depth);
}

/** The start of an e-mail address's local part that reaches back past the piece ("foo#bar@", "bounces+a=b.se@"). */
function localPartStart(token: string, from: number, pieceStart: number): number {
  let start = pieceStart;
  while (start > from) {
    const c = token.charAt(start - 1);
    if (!LOCAL_SPECIALS.includes(c) && ((CHARACTER_CLASS[token.charCodeAt(start - 1)] ?? 0) & PIECE) === 0) break;
    if (c === "/" || c === ":" || c === "@") break;
    start--;
  }
  // A query's "?email=ann@x.se" or "&to=ann@x.se", a log's "actor=ann@x.se": the key and its "=" are
  // not the address. (A VERP address, "bounces+123-abc=kommun.se@mailer.net", has no bare key.)
  const part = token.slice(start, pieceStart);
  const query = Math.max(part.lastIndexOf("?"), part.lastIndexOf("&"));
  if (query >= 0) {
    const equals = part.indexOf("=", query);
    start += equals >= 0 ? equals + 1 : query + 1;
  } else {
    const key = /^[A-Za-z][A-Za-z_.-]*=/.exec(part);
    if (key) start += key[0].length;
  }
  return start;
}

/** Reads the pieces of token[from, to) (no URL with a scheme in it), host-and-path URLs among them. */
export function scanPieces(
  token: string,
  from: number,
  to: number,
  ctx: Context,
  found: TypedValue[],
  reader: Reader,
  depth: number,
): void {
  let i = from;
  while (i < to) {
    while (i < to && ((CHARACTER_CLASS[token.charCodeAt(i)] ?? 0) & PIECE) === 0) i++;
    let start = i;
    while (i < to && ((CHARACTER_CLASS[token.charCodeAt(i)] ?? 0) & PIECE) !== 0) i++;
    if (i === start) continue;
    if (ctx.mode !== IN_URL && i - start > 3 && token.includes("/", start)) {
      const end = readHostPath(token, start, i, to, ctx, found, reader, depth);
      if (end >= 0) {
        i = end;
        continue;
      }
    }
    if (start > from && LOCAL_SPECIALS.includes(token.charAt(start - 1)) && token.slice(start, i).includes("@")) {
      const local = localPartStart(token, from, start);
      if (local < start && addEmail(token.slice(local, i), ctx, found)) continue;
      start = Math.max(start, local);
    }
    classifyPiece(token.slice(start, i), ctx, found, token.charCodeAt(i));
  }
}

/** Every value in a token's text (refanged, unescaped): its URLs, and the pieces before, between and after them. */
export function readTokenText(token: string, ctx: Context, found: TypedValue[], reader: Reader, depth = 0): void {
  let pos = 0;
  while (pos < token.length) {
    const u = depth < MAX_URL_DEPTH && token.length > 8 ? findUrlStart(token, pos) : null;
    if (u === null) {
      scanPieces(token, pos, token.length, ctx, found, reader, depth);
      return;
    }
    scanPieces(token, pos, u.start, ctx, found, reader, depth);
    pos = readUrl(token, u, token.length, ctx, found, reader, depth);
  }
}
