import type { ObservableType } from "./observables.js";

// Domains are stored as punycode (the extractor runs every name through IDNA, so `bücher.de` and
// `xn--bcher-kva.de` are one value) and shown in Unicode, which is what the analyst and the victim read.
// The console has no node:punycode and the URL API only goes the other way (Unicode → ASCII), so the
// decoder of RFC 3492 is written out here: a few dozen lines, with no dependency for the browser bundle.

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
const MAX_INT = 0x7fffffff;

/** RFC 3492 §6.1. */
function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

/** A basic code point's digit value (`a`–`z` 0–25, `0`–`9` 26–35), BASE when it is none. */
function digitOf(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 22;
  if (code >= 0x41 && code <= 0x5a) return code - 0x41;
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  return BASE;
}

/** RFC 3492 §6.2: the Unicode of a punycode string (without `xn--`), null when it is not valid punycode. */
export function decodePunycode(input: string): string | null {
  const cut = input.lastIndexOf("-");
  const output: number[] = [];
  for (let j = 0; j < Math.max(cut, 0); j++) {
    const code = input.charCodeAt(j);
    if (code >= 0x80) return null;
    output.push(code);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let at = cut > 0 ? cut + 1 : 0; at < input.length;) {
    const old = i;
    for (let w = 1, k = BASE; ; k += BASE) {
      if (at >= input.length) return null;
      const digit = digitOf(input.charCodeAt(at++));
      if (digit >= BASE || digit > Math.floor((MAX_INT - i) / w)) return null;
      i += digit * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      if (w > Math.floor(MAX_INT / (BASE - t))) return null;
      w *= BASE - t;
    }
    const length = output.length + 1;
    bias = adapt(i - old, length, old === 0);
    if (Math.floor(i / length) > MAX_INT - n) return null;
    n += Math.floor(i / length);
    i %= length;
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return null;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}

/**
 * Whether a decoded label may be shown: not with ASCII other than letters, digits and hyphen (a decoded
 * `.`, `/` or `@` would make the name read as another), nor with spaces, controls, format characters
 * (bidi overrides, zero-width joiners, soft hyphen: they reorder or hide what is read), private-use or
 * unassigned code points. IDNA never encodes those; a label holding them was written to deceive, and
 * stays in punycode.
 */
const HIDDEN = /[\p{White_Space}\p{C}]/u;
function showable(label: string): boolean {
  for (const c of label) if ((c.codePointAt(0) ?? 0) < 0x80 ? !/[a-z0-9-]/i.test(c) : HIDDEN.test(c)) return false;
  return true;
}

/** One label in Unicode when it is punycode that decodes to something fit to show, else as stored. */
function displayLabel(label: string): string {
  if (!/^xn--/i.test(label)) return label;
  const decoded = decodePunycode(label.slice(4).toLowerCase());
  // A label of ASCII only is no IDN (IDNA forbids encoding it): keep what is stored.
  if (decoded === null || !/[\u0080-\uffff]/.test(decoded) || !showable(decoded)) return label;
  return decoded;
}

/** A domain as people read it: each punycode label (`xn--…`) in Unicode, others unchanged. */
export function displayDomain(value: string): string {
  if (!/(?:^|\.)xn--/i.test(value)) return value;
  return value.split(".").map(displayLabel).join(".");
}

const URL_AUTHORITY = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/is;

/** A URL's host in Unicode; the scheme, user, port, path and query exactly as stored. */
function displayUrl(value: string): string {
  const m = URL_AUTHORITY.exec(value);
  if (!m) return value;
  const [, scheme = "", authority = "", rest = ""] = m;
  const at = authority.lastIndexOf("@");
  const hostPort = authority.slice(at + 1);
  const colon = hostPort.startsWith("[") ? -1 : hostPort.indexOf(":");
  const host = colon < 0 ? hostPort : hostPort.slice(0, colon);
  const port = colon < 0 ? "" : hostPort.slice(colon);
  return scheme + authority.slice(0, at + 1) + displayDomain(host) + port + rest;
}

/**
 * A stored value as shown: a domain, a URL's host and an e-mail address's domain in Unicode; every other
 * value as it is (a file name `xn--a.pdf` is no domain).
 */
export function displayValue(type: ObservableType, value: string): string {
  if (type === "domain") return displayDomain(value);
  if (type === "url") return displayUrl(value);
  if (type === "email") {
    const at = value.lastIndexOf("@");
    return at < 0 ? value : value.slice(0, at + 1) + displayDomain(value.slice(at + 1));
  }
  return value;
}
