// Most URLs in logs, mail and feeds are plain: http(s), a host of ASCII letters, digits, dots and
// hyphens, a path and query of characters WHATWG leaves as they are. For those the WHATWG parser
// (`new URL`) only lower-cases the scheme and host and adds a "/" when there is no path, so that is
// done here by hand, without the parser's allocations. Anything else (a port, user info, IDN or
// punycode, an address, a trailing dot, dot segments, a fragment, a character WHATWG would
// percent-encode) is left to the parser. A property test holds this to `new URL` on random URLs.

/** Character classes of the ASCII range: host characters, and what a path and a query keep as is. */
const HOST = 1;
const PATH = 2;
const QUERY = 4;
const CLASS = new Uint8Array(128);
for (const c of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._") CLASS[c.charCodeAt(0)] = HOST;
for (const c of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&()*+,;=:@/%") {
  CLASS[c.charCodeAt(0)] = (CLASS[c.charCodeAt(0)] ?? 0) | PATH | QUERY;
}
// A query of a special scheme percent-encodes "'"; a path keeps it. "?" starts the query, and is data in it.
CLASS[39] = PATH;
CLASS[63] = PATH | QUERY;

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isHex = (code: number): boolean => isDigit(code) || ((code | 32) >= 97 && (code | 32) <= 102);

/** True when the label text[start, end) ends a host in a number (WHATWG would read the host as IPv4). */
function isNumberLabel(text: string, start: number, end: number): boolean {
  if (end === start) return false;
  let at = start;
  if (end - start >= 2 && text.charCodeAt(start) === 48 && (text.charCodeAt(start + 1) | 32) === 120) {
    for (at = start + 2; at < end; at++) if (!isHex(text.charCodeAt(at))) return false;
    return true;
  }
  for (; at < end; at++) if (!isDigit(text.charCodeAt(at))) return false;
  return true;
}

/** True when the path segment text[start, end) is "." or "..", which WHATWG resolves away. */
function isDotSegment(text: string, start: number, end: number): boolean {
  const n = end - start;
  return (n === 1 || n === 2) && text.charCodeAt(start) === 46 && text.charCodeAt(end - 1) === 46;
}

/**
 * The URL `text` as WHATWG writes it, with its host name, when it is plain; null when the full parser
 * must read it. `scheme` is the text's scheme lower-cased (only "http" and "https" are read here).
 */
export function plainUrl(text: string, scheme: string): { href: string; hostname: string } | null {
  if (scheme !== "http" && scheme !== "https") return null;
  const hostStart = scheme.length + 3;
  let at = hostStart;
  let labelStart = at;
  let upper = false;
  for (; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 47) break;
    if (code >= 128 || ((CLASS[code] as number) & HOST) === 0) return null;
    if (code === 46) {
      if (at === labelStart) return null;
      labelStart = at + 1;
      continue;
    }
    if (code >= 65 && code <= 90) upper = true;
    // "xn--": punycode, which the parser checks.
    if (
      at === labelStart + 3 &&
      code === 45 &&
      text.charCodeAt(at - 1) === 45 &&
      (text.charCodeAt(at - 2) | 32) === 110
    ) {
      if ((text.charCodeAt(at - 3) | 32) === 120) return null;
    }
  }
  const hostEnd = at;
  if (hostEnd === hostStart || labelStart === hostEnd || isNumberLabel(text, labelStart, hostEnd)) return null;
  let query = false;
  let segmentStart = at + 1;
  for (; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code >= 128 || ((CLASS[code] as number) & (query ? QUERY : PATH)) === 0) return null;
    if (query) continue;
    if (code === 47 || code === 63) {
      if (at > hostEnd && isDotSegment(text, segmentStart, at)) return null;
      segmentStart = at + 1;
      if (code === 63) query = true;
    } else if (code === 37 && text.charCodeAt(at + 1) === 50 && (text.charCodeAt(at + 2) | 32) === 101) {
      return null; // "%2e": perhaps a dot segment written encoded
    }
  }
  if (!query && hostEnd < text.length && isDotSegment(text, segmentStart, text.length)) return null;
  const hostText = text.slice(hostStart, hostEnd);
  const hostname = upper ? hostText.toLowerCase() : hostText;
  const rest = hostEnd < text.length ? text.slice(hostEnd) : "/";
  return { href: `${scheme}://${hostname}${rest}`, hostname };
}
