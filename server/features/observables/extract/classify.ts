import type { TypedValue } from "../../../../contract/observables.js";
import { domainInUrl, nameFromText, normaliseDomain } from "./domain.js";
import { parseColonBytes, parseJa4, parseMac, parseSsdeep } from "./fingerprints.js";
import { parseAsn, parseCve, parseEmail, parseHash } from "./identifiers.js";
import { formatIPv4, formatIPv6, parseCidr, parseIPv4, parseIPv6 } from "./ip.js";
import { mayBeWallet, parseWallet } from "./wallet.js";

// One piece of a token (a run of value characters, never a URL) holds one value, several joined by
// `/ @ :` (a path, user@host:port, key:value), or a hash inside a file name. Each step below is an
// anchored check or a split, so a piece costs a small multiple of its length.

/** How the text around a piece was written. */
export const TEXT = 0 as const;
/** Defanged: the writer marked an indicator, so no guessing that a name is a file or prose. */
export const MARKED = 1 as const;
/** Inside a URL's path or query: values of their own, but no file names. */
export const IN_URL = 2 as const;
export type Mode = typeof TEXT | typeof MARKED | typeof IN_URL;

/** What the words around a piece say about it. */
export interface Context {
  mode: Mode;
  /** The token the piece is in (JA3 and JA4X are named inside it: "ja3_hash=…"). */
  token: string;
  /** "JA3" or "JA3S" stood in the words before: an MD5 here is a JA3. */
  ja3: boolean;
  /** "JA4X" stood in the words before. */
  ja4: boolean;
  /** A Message-ID or References header: what looks like an address is an identifier. */
  messageId: boolean;
  /** "version" or "build" stood just before: 1.2.3.4 is a version. */
  afterVersion: boolean;
  /** The text was percent-decoded (a command line in a query, most often). */
  decoded: boolean;
}

/**
 * The context in another mode. Written out rather than spread: V8 copies an object literal with a
 * spread through a slow path once it has seen a few shapes, and this runs for many pieces.
 */
export function inMode(ctx: Context, mode: Mode): Context {
  return {
    mode,
    token: ctx.token,
    ja3: ctx.ja3,
    ja4: ctx.ja4,
    messageId: ctx.messageId,
    afterVersion: ctx.afterVersion,
    decoded: ctx.decoded,
  };
}

const EDGE = ".-+%@/:~$";
const PORT = /^\d{1,5}$/;
const HEX_DIGIT = /[0-9A-Fa-f]/;
const JOINERS = /[/@:]/;
const PATH_JOINERS = /[/:]/;
const NOT_WORD = /[^0-9A-Za-z_]/;
const NOT_CVE = /[^0-9A-Za-z_-]/;
const CVE_INSIDE = /cve[-_]/i;
const IP_RANGE = /^(\d{1,3}(?:\.\d{1,3}){3})-(\d{1,3}(?:\.\d{1,3}){3})$/;
const JA3_WORD = /ja3/i;
const JA4X_WORD = /ja4x/i;

/** The piece without the punctuation around it; a leading or trailing "::" stays (it is IPv6). */
function trimPiece(piece: string): string {
  let start = 0;
  let end = piece.length;
  while (start < end && EDGE.includes(piece.charAt(start)) && !piece.startsWith("::", start)) start++;
  while (
    end > start &&
    EDGE.includes(piece.charAt(end - 1)) &&
    !(end - 2 >= start && piece.startsWith("::", end - 2))
  ) {
    end--;
  }
  return piece.slice(start, end);
}

function addName(text: string, ctx: Context, found: TypedValue[]): boolean {
  if (ctx.mode === TEXT) {
    const name = nameFromText(text);
    if (name) found.push(name);
    // A file named after what it is ("<sha256>.exe", "CVE-2024-21412_poc.py") names that too.
    if (name?.type === "filename") addWords(text, ctx, found);
    return name !== null;
  }
  const domain = ctx.mode === MARKED ? normaliseDomain(text) : domainInUrl(text);
  if (domain) found.push({ type: "domain", value: domain });
  return domain !== null;
}

function addHash(text: string, ctx: Context, found: TypedValue[]): boolean {
  const hash = parseHash(text);
  if (hash === null) return false;
  // An MD5 next to the word JA3 is the JA3 fingerprint (a hash of the TLS hello, not of a file).
  if (hash.type === "md5" && (ctx.ja3 || JA3_WORD.test(ctx.token))) found.push({ type: "ja3", value: hash.value });
  else found.push(hash);
  return true;
}

function parseIp4Value(text: string): TypedValue | null {
  const v4 = parseIPv4(text);
  return v4 === null ? null : { type: "ipv4", value: formatIPv4(v4) };
}

/** A value without `/ @ :` in it: address, hash, identifier, fingerprint, wallet, file name or domain. */
function addSimple(text: string, ctx: Context, found: TypedValue[]): boolean {
  // Cheap looks at the first character and the length decide which anchored check can apply.
  const first = text.charCodeAt(0);
  const n = text.length;
  const hasDot = text.includes(".");
  if (hasDot && first >= 48 && first <= 57) {
    const ip = parseIp4Value(text);
    if (ip) {
      if (!ctx.afterVersion) found.push(ip);
      return true;
    }
  }
  if ((n === 32 || n === 40 || n === 64 || n === 128 || n === 70 || n === 72) && addHash(text, ctx, found)) return true;
  const id = (first | 32) === 99 ? parseCve(text) : (first | 32) === 97 ? parseAsn(text) : null;
  if (id) {
    found.push(id);
    return true;
  }
  const shaped =
    n === 17 || n === 14
      ? parseMac(text)
      : n >= 25 && n <= 51 && text.includes("_")
        ? parseJa4(text, ctx.ja4 || JA4X_WORD.test(ctx.token))
        : mayBeWallet(text)
          ? parseWallet(text)
          : null;
  if (shaped) {
    found.push(shaped);
    return true;
  }
  return hasDot && addName(text, ctx, found);
}

function addColonValue(text: string, ctx: Context, found: TypedValue[]): boolean {
  const first = text.charCodeAt(0);
  if (first >= 49 && first <= 57) {
    const fuzzy = parseSsdeep(text);
    if (fuzzy) {
      found.push(fuzzy);
      return true;
    }
  }
  if (text.length === 17) {
    const mac = parseMac(text);
    if (mac) {
      found.push(mac);
      return true;
    }
  }
  if (text.length >= 41) {
    const bytes = parseColonBytes(text);
    if (bytes.length > 0) {
      found.push(...bytes);
      return true;
    }
  }
  // A lone "::" or a clock time is no address; a real one has hex digits and passes RFC 4291. A zone
  // ("fe80::1%eth0") names the host's own interface: the address is what is left.
  const zone = text.indexOf("%");
  const v6 = HEX_DIGIT.test(text) ? parseIPv6(zone > 0 ? text.slice(0, zone) : text) : null;
  if (v6) {
    found.push({ type: "ipv6", value: formatIPv6(v6) });
    return true;
  }
  const colon = text.lastIndexOf(":");
  const port = text.slice(colon + 1);
  if (!PORT.test(port) || Number(port) > 65_535) return false;
  const host = text.slice(0, colon);
  return !host.includes(":") && (addEmail(host, ctx, found) || addSimple(host, ctx, found));
}

/** An e-mail address and its domain; in a Message-ID the domain alone (the rest is an identifier). */
export function addEmail(text: string, ctx: Context, found: TypedValue[]): boolean {
  const address = text.includes("@") ? parseEmail(text) : null;
  if (!address) return false;
  if (!ctx.messageId) found.push({ type: "email", value: address.email });
  found.push(address.domain);
  return true;
}

/** Every value in the piece as a whole: e-mail, network, fuzzy hash, IPv6, host:port, or a simple value. */
function addWhole(text: string, ctx: Context, found: TypedValue[]): boolean {
  if (addEmail(text, ctx, found)) return true;
  if (text.includes("/")) {
    const value = parseCidr(text) ?? (text.includes(":") ? parseSsdeep(text) : null);
    if (value) found.push(value);
    return value !== null;
  }
  if (text.includes(":")) return addColonValue(text, ctx, found) || addAsnWithColon(text, found);
  return addSimple(text, ctx, found);
}

function addAsnWithColon(text: string, found: TypedValue[]): boolean {
  const asn = parseAsn(text);
  if (asn) found.push(asn);
  return asn !== null;
}

/**
 * Hashes and CVE ids inside longer names ("<md5>.exe", "malware-<sha256>.bin", "CVE-2024-3400_poc"),
 * and the two ends of an address range ("10.0.0.1-10.0.0.9"). A hash must be bounded by characters
 * that are neither hex nor word characters, so "x_<md5>" is no hash; a CVE id may sit next to "_".
 */
function addWords(text: string, ctx: Context, found: TypedValue[]): void {
  if (text.length < 13) return;
  if (text.includes("-") && (text.charCodeAt(0) & 0xf0) === 0x30) {
    const range = IP_RANGE.exec(text);
    if (range) {
      for (const end of [range[1], range[2]]) {
        const ip = parseIp4Value(end ?? "");
        if (ip) found.push(ip);
      }
      return;
    }
  }
  if (text.length > 32) {
    for (const word of text.split(NOT_WORD)) if (word.length >= 32) addHash(word, ctx, found);
  }
  if (CVE_INSIDE.test(text)) {
    for (const word of text.split(NOT_CVE)) {
      const at = word.search(CVE_INSIDE);
      const cve = at < 0 ? null : (parseCve(word.slice(at)) ?? parseCve(word.slice(at).replace(/_[^_]*$/, "")));
      if (cve) found.push(cve);
    }
  }
}

/** Cheap test that the piece can hold anything (most pieces are words with a full stop after them). */
function mayHoldValue(piece: string): boolean {
  return (
    piece.length >= 14 ||
    piece.includes(".") ||
    piece.includes(":") ||
    piece.includes("@") ||
    piece.includes("/") ||
    piece.includes("AS") ||
    piece.charCodeAt(0) === 97 || // "as1234"
    (piece.length >= 13 && piece.includes("-")) // "CVE-2024-3400"
  );
}

/**
 * Emits the values in one piece. `followedBy` is the character after it in the token: a name before
 * "(" is a function being called (`console.log(`, `requests.post(`), before "=" a key being set
 * (`log.level=debug`, `client.geographicalContext.country=NL`); in running text neither is a host.
 */
export function classifyPiece(raw: string, ctx: Context, found: TypedValue[], followedBy = 0): void {
  const piece = trimPiece(raw);
  if (piece.length < 3 || !mayHoldValue(piece)) return;
  if ((followedBy === 40 || followedBy === 61) && ctx.mode === TEXT && !JOINERS.test(piece)) {
    const first = piece.charCodeAt(0);
    if (first < 48 || first > 57) return;
  }
  // "/wp-login.php", "a/b/c.php": a part of a path (a web path, most often), so no file name in it.
  const inPath = ctx.mode === TEXT && raw.includes("/") && !raw.startsWith("./") ? inMode(ctx, IN_URL) : ctx;
  // ".lead@x.se": a local part may not start with a dot; what follows the "@" is still a domain.
  if (raw.charCodeAt(0) === 46 && piece.includes("@") && raw.charCodeAt(1) !== 46) {
    for (const side of piece.split("@")) if (side.length >= 3) addSimple(trimPiece(side), inPath, found);
    return;
  }
  if (addWhole(piece, inPath, found)) return;
  if (!JOINERS.test(piece)) {
    addWords(piece, inPath, found);
    return;
  }
  // Split on path and port separators first so "mailto:ann@evil.se" keeps its e-mail address.
  const parts = piece.includes("/") && ctx.mode === TEXT ? inMode(ctx, IN_URL) : inPath;
  for (const part of piece.split(PATH_JOINERS)) {
    const text = trimPiece(part);
    if (text.length < 3 || addEmail(text, parts, found) || addSimple(text, parts, found)) continue;
    if (!text.includes("@")) {
      addWords(text, parts, found);
      continue;
    }
    for (const side of text.split("@")) {
      const word = trimPiece(side);
      if (word.length >= 3 && !addSimple(word, parts, found)) addWords(word, parts, found);
    }
  }
}
