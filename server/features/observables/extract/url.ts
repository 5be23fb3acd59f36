import type { TypedValue } from "../../../../contract/observables.js";
import { normaliseDomain } from "./domain.js";
import { parseIp } from "./ip.js";

// URLs go through WHATWG URL (what a browser would fetch): lower-case scheme and host, punycode host,
// default port removed, percent-encoding made canonical.

export const MAX_URL_LENGTH = 2048;
const SCHEMES = new Set(["http:", "https:", "ftp:"]);
const SCHEME_PREFIX = /^(?:https?|ftp):\/\//i;
const SENTENCE_PUNCTUATION = ".,;:!?*";

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

function normaliseUrl(text: string): { url: string; host: TypedValue } | null {
  if (text.length > MAX_URL_LENGTH || !SCHEME_PREFIX.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (!SCHEMES.has(url.protocol)) return null;
  const host = hostValue(url.hostname);
  if (!host) return null;
  if (host.type === "domain" && url.hostname !== host.value) url.hostname = host.value;
  return url.href.length <= MAX_URL_LENGTH ? { url: url.href, host } : null;
}

/** An http(s) or ftp URL normalised, with its host as a value of its own; null when it is none or its host is no IP or public domain. */
export function parseUrl(raw: string): { url: string; host: TypedValue } | null {
  const first = normaliseUrl(trimUrlTail(raw));
  // Percent-encoding can unbalance the brackets ("/{?a}" becomes "/%7B?a}"); trimmed again, the
  // result is stable, so the value read back is the value.
  const tail = first ? trimUrlTail(first.url) : null;
  if (!first || tail === first.url) return first;
  const second = tail ? normaliseUrl(tail) : null;
  return second && trimUrlTail(second.url) === second.url ? second : null;
}
