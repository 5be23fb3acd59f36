import type { TypedValue } from "../../../../contract/observables.js";
import { normaliseDomain } from "./domain.js";
import { parseIp } from "./ip.js";
import { plainUrl } from "./plain-url.js";

// URLs go through WHATWG URL (what a browser would fetch): lower-case scheme and host, punycode host,
// default port removed, percent-encoding made canonical. Besides the web's schemes, those malware
// and exploits reach hosts with (`ldap://` in a Log4Shell string, `tcp://` for a reverse shell) are
// URLs too; their host is lower-cased here, as WHATWG leaves the host of such a URL as written.

export const MAX_URL_LENGTH = 2048;
/** Schemes kept as they are. */
const REAL_SCHEMES = new Set([
  "http",
  "https",
  "ftp",
  "ftps",
  "sftp",
  "ws",
  "wss",
  "ldap",
  "ldaps",
  "rmi",
  "dns",
  "iiop",
  "nis",
  "nds",
  "corba",
  "smb",
  "ssh",
  "telnet",
  "tftp",
  "rtsp",
  "irc",
  "tcp",
  "udp",
  "git",
  "gopher",
]);
/** Schemes that never name a host on the network (or name a local file): no URL value. */
const NOT_NETWORK = new Set(["file", "javascript", "data", "about", "blob", "mailto", "jdbc", "chrome", "edge"]);
const OBFUSCATED_HTTP = /^h[tx*_]{2,3}p(s?)$/;
const OBFUSCATED_FTP = /^f[tx*]p$/;
const MADE_UP = /^[a-z]{2,10}$/;
const SENTENCE_PUNCTUATION = ".,;:!?*";

/** A scheme kept as it is written (http, ldap, tcp…). */
export function isRealScheme(word: string): boolean {
  return REAL_SCHEMES.has(word.toLowerCase());
}

/**
 * The scheme a scheme word before "://" stands for: itself when real, http(s) or ftp when obfuscated
 * ("hxxps", "h**p", "fxp"), http when made up ("meow"); null when it is no scheme or names no host.
 */
export function schemeFor(word: string): string | null {
  const w = word.toLowerCase();
  if (REAL_SCHEMES.has(w)) return w;
  if (NOT_NETWORK.has(w)) return null;
  const http = OBFUSCATED_HTTP.exec(w);
  if (http) return `http${http[1] ?? ""}`;
  if (OBFUSCATED_FTP.test(w)) return "ftp";
  return MADE_UP.test(w) ? "http" : null;
}

/** 0 for ( ), 1 for [ ], 2 for { }, -1 for anything else. */
function bracketKind(code: number): number {
  switch (code) {
    case 40:
    case 41:
      return 0;
    case 91:
    case 93:
      return 1;
    case 123:
    case 125:
      return 2;
    default:
      return -1;
  }
}

const isCloser = (code: number): boolean => code === 41 || code === 93 || code === 125;

/** Strips what ends the sentence rather than the URL: punctuation, and closing brackets with no opening one in the URL ("(see http://x.se/a)."). */
export function trimUrlTail(text: string): string {
  // Unmatched closers per bracket kind, counted once and kept up to date while trimming: linear
  // however many brackets the tail holds.
  const unmatched = [0, 0, 0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const kind = bracketKind(code);
    if (kind >= 0) unmatched[kind] = (unmatched[kind] ?? 0) + (isCloser(code) ? 1 : -1);
  }
  let end = text.length;
  while (end > 0) {
    const code = text.charCodeAt(end - 1);
    const kind = bracketKind(code);
    if (SENTENCE_PUNCTUATION.includes(text.charAt(end - 1))) end--;
    else if (kind >= 0 && isCloser(code) && (unmatched[kind] ?? 0) > 0) {
      unmatched[kind] = (unmatched[kind] ?? 0) - 1;
      end--;
    } else break;
  }
  return text.slice(0, end);
}

/** The typed value of a URL's host: an IP address or a domain with a public suffix. */
export function hostValue(hostname: string): TypedValue | null {
  const ip = parseIp(hostname);
  if (ip) return ip;
  const domain = normaliseDomain(hostname);
  return domain ? { type: "domain", value: domain } : null;
}

const SCHEME_PREFIX = /^([a-z][a-z0-9+.-]{1,9}):\/\//i;

function normaliseUrl(text: string): { url: string; host: TypedValue } | null {
  const scheme = SCHEME_PREFIX.exec(text)?.[1]?.toLowerCase();
  if (text.length > MAX_URL_LENGTH || scheme === undefined || !REAL_SCHEMES.has(scheme)) return null;
  const plain = plainUrl(text, scheme);
  if (plain) {
    const host = hostValue(plain.hostname);
    if (host === null) return null;
    if (host.value === plain.hostname) return plain.href.length <= MAX_URL_LENGTH ? { url: plain.href, host } : null;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const host = hostValue(url.hostname);
  if (!host) return null;
  if (host.type === "domain" && url.hostname !== host.value) url.hostname = host.value;
  return url.href.length <= MAX_URL_LENGTH ? { url: url.href, host } : null;
}

const WRITTEN_SCHEME = /^([A-Za-z*_]{2,10}):(?:\/\/|\\\\)/;

/** A URL as an analyst writes one ("hxxps://…", "h**p://…", "http:\\\\…"), its scheme read as in text; null when none. */
export function parseWrittenUrl(raw: string): { url: string; host: TypedValue } | null {
  const m = WRITTEN_SCHEME.exec(raw);
  const scheme = m ? schemeFor(m[1] ?? "") : null;
  if (!m || scheme === null) return null;
  const rest = raw.slice(m[0].length);
  return parseUrl(`${scheme}://${m[0].endsWith("\\") ? rest.replace(/\\/g, "/") : rest}`);
}

/** A URL normalised, with its host as a value of its own; null when it is none, or its host is no IP or public domain. */
export function parseUrl(raw: string): { url: string; host: TypedValue } | null {
  const first = normaliseUrl(trimUrlTail(raw));
  // Percent-encoding can unbalance the brackets ("/{?a}" becomes "/%7B?a}"); trimmed again, the
  // result is stable, so the value read back is the value.
  const tail = first ? trimUrlTail(first.url) : null;
  if (!first || tail === first.url) return first;
  const second = tail ? normaliseUrl(tail) : null;
  return second && trimUrlTail(second.url) === second.url ? second : null;
}
