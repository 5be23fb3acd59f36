import { domainToASCII } from "node:url";
import { parse as parseSuffix } from "tldts";
import type { TypedValue } from "../../../../contract/observables.js";
import { detach } from "./detach.js";
import {
  FILE_EXTENSIONS,
  extensionOf,
  hasDomainLikeExtension,
  isProductName,
  looksLikeFileName,
  parseFileName,
} from "./file-name.js";

// Domains: a name is only a domain when its suffix is on the public suffix list (ICANN section; the
// private section's suffixes all sit under ICANN ones) and it is more than a bare suffix. Labels
// below the registrable one may hold "_" (`o_o.lgms.nl`, `_ldap._tcp.…`): DNS allows it and malware
// uses it; registrars do not, so the registrable label may not.

const SUFFIX_OPTIONS = {
  allowPrivateDomains: false,
  extractHostname: false,
  validateHostname: false,
  detectIp: false,
  mixedInputs: false,
} as const;
const NEEDS_IDNA = /[\u0080-\uffff]|(?:^|\.)xn--/;
const DIGIT = /\d/;
const PUNYCODE = /^xn--/i;

// The same few names come back again and again in logs and mail; the suffix lookup is the costly part
// of the check, so recent answers are remembered (a pure function's results, bounded, copied so that
// no cached name keeps the text it came from alive). Direct-mapped: a name has one slot, chosen by a
// hash of its characters, and a newer name takes it over. Where every name is new (a feed, a large
// log of an attack) a miss then costs a hash and one comparison, where a Map cost a lookup, an insert
// and now and then a rebuild.
const RECENT_SLOTS = 8192;

class Recent<T> {
  private readonly names: (string | undefined)[] = new Array<string | undefined>(RECENT_SLOTS).fill(undefined);
  private readonly answers: (T | null)[] = new Array<T | null>(RECENT_SLOTS).fill(null);

  answer(raw: string, check: (raw: string) => T | null): T | null {
    let h = 0x811c9dc5 ^ raw.length;
    for (let at = 0, n = Math.min(raw.length, 64); at < n; at++) h = Math.imul(h ^ raw.charCodeAt(at), 0x01000193);
    const slot = (h ^ (h >>> 15)) & (RECENT_SLOTS - 1);
    if (this.names[slot] === raw) return this.answers[slot] as T | null;
    const answer = check(raw);
    this.names[slot] = detach(raw);
    this.answers[slot] = answer;
    return answer;
  }
}

const recentNames = new Recent<string>();

/** Cheap first look: a top-level domain has no digit unless punycode ("1.2.3", "12:00:00.123Z", "HTTP/1.1" are no names). */
function mayBeName(raw: string): boolean {
  const dot = raw.lastIndexOf(".", raw.length - 2);
  if (dot <= 0) return false;
  const tld = raw.slice(dot + 1);
  return !DIGIT.test(tld) || PUNYCODE.test(tld);
}

/** A host name lower-cased, IDN to punycode, without a trailing dot; null unless it has a registrable public suffix. */
export function normaliseDomain(raw: string): string | null {
  return mayBeName(raw) ? recentNames.answer(raw, checkDomain) : null;
}

function checkDomain(raw: string): string | null {
  let name = raw.toLowerCase();
  if (name.endsWith(".")) name = name.slice(0, -1);
  if (name.length === 0 || name.length > 253 * 4) return null;
  // domainToASCII also checks existing punycode labels ("xn--zz" decodes to nothing: invalid).
  if (NEEDS_IDNA.test(name)) name = domainToASCII(name);
  if (name.length === 0 || name.length > 253 || !hasValidLabels(name)) return null;
  const suffix = parseSuffix(name, SUFFIX_OPTIONS);
  if (suffix.isIcann !== true || suffix.domain === null) return null;
  const dot = suffix.domain.indexOf(".");
  return isRegistrableLabel(suffix.domain, dot < 0 ? suffix.domain.length - 1 : dot) ? detach(name) : null;
}

const isLowerOrDigit = (code: number): boolean => (code >= 97 && code <= 122) || (code >= 48 && code <= 57);

/**
 * At least two labels of `[a-z0-9_-]`, each 1 to 63 long and neither starting nor ending with "-";
 * the last one letters (2 to 63) or punycode ("xn--" and 1 to 59 more), and not "arpa": reverse-lookup
 * names (4.3.2.1.in-addr.arpa) stand for an address, not a domain anyone registered. One pass over
 * the characters, in place of splitting the name (a cost the scan paid for every name it met).
 */
function hasValidLabels(name: string): boolean {
  let start = 0;
  let dots = 0;
  for (let at = 0; at <= name.length; at++) {
    const code = at < name.length ? name.charCodeAt(at) : 46;
    if (code !== 46) {
      if (!isLowerOrDigit(code) && code !== 95 && code !== 45) return false;
      continue;
    }
    const n = at - start;
    if (n === 0 || n > 63 || name.charCodeAt(start) === 45 || name.charCodeAt(at - 1) === 45) return false;
    if (at < name.length) {
      dots++;
      start = at + 1;
    }
  }
  return dots > 0 && isTopLabel(name, start);
}

/** The last label, name[start…]: `[a-z]{2,63}` or `xn--[a-z0-9-]{1,59}`, and not "arpa". */
function isTopLabel(name: string, start: number): boolean {
  const n = name.length - start;
  if (name.startsWith("xn--", start)) {
    if (n < 5 || n > 63) return false;
    for (let at = start + 4; at < name.length; at++) {
      const code = name.charCodeAt(at);
      if (!isLowerOrDigit(code) && code !== 45) return false;
    }
    return true;
  }
  if (n < 2 || n > 63) return false;
  for (let at = start; at < name.length; at++) {
    const code = name.charCodeAt(at);
    if (code < 97 || code > 122) return false;
  }
  return !(n === 4 && name.startsWith("arpa", start));
}

/** The registrable label, domain[0, end): `[a-z0-9-]`, 1 to 63, neither starting nor ending with "-" (no "_": registrars refuse it). */
function isRegistrableLabel(domain: string, end: number): boolean {
  if (end < 1 || end > 63 || domain.charCodeAt(0) === 45 || domain.charCodeAt(end - 1) === 45) return false;
  for (let at = 0; at < end; at++) {
    const code = domain.charCodeAt(at);
    if (!isLowerOrDigit(code) && code !== 45) return false;
  }
  return true;
}

/** True when a dot joins two words of prose without a space ("klart.Sedan", "done.It"): a lower-case word before a capitalised last label. */
function looksLikeProse(raw: string): boolean {
  const dot = raw.lastIndexOf(".");
  const before = raw.charCodeAt(dot - 1);
  return isCapitalisedWord(raw, dot + 1) && before >= 97 && before <= 122;
}

/** raw[start…] is `[A-Z][a-z]+`. */
function isCapitalisedWord(raw: string, start: number): boolean {
  const first = raw.charCodeAt(start);
  if (raw.length - start < 2 || first < 65 || first > 90) return false;
  for (let at = start + 1; at < raw.length; at++) {
    const code = raw.charCodeAt(at);
    if (code < 97 || code > 122) return false;
  }
  return true;
}

/** Objects that begin code, whatever follows (`this.props.user.email`). */
const CODE_ROOTS = new Set(["this", "self", "window", "document", "console", "process", "module", "exports", "super"]);
/** Variables that make `<name>.<word>` code when the word is a top-level domain too (`user.name`, `requests.post`). */
const CODE_STEMS = new Set(
  (
    "user users req res request requests response err error event ctx args kwargs props state data item obj " +
    "config settings client db conn cursor logger math json string list dict np pd path url file result node " +
    "el element options opts params query row record model os sys"
  ).split(" "),
);
/** Column names that SQL's one-letter aliases meet (`u.name`, `o.id`) and that are top-level domains. */
const ALIAS_COLUMNS = new Set([
  "name",
  "id",
  "email",
  "date",
  "data",
  "link",
  "total",
  "price",
  "phone",
  "city",
  "country",
]);
/** Reverse-domain identifiers (Java packages, Android apps, macOS bundles) start with one of these. */
const REVERSED_ROOTS = new Set(["com", "org", "net"]);

/** True when a dotted name in running text is code or an identifier rather than a host. */
function looksLikeCode(raw: string): boolean {
  const dot = raw.indexOf(".");
  const first = dot < 0 ? raw : raw.slice(0, dot);
  if (CODE_ROOTS.has(first)) return true;
  if (dot < 0) return false;
  const threeOrMore = raw.includes(".", dot + 1);
  if (threeOrMore) return REVERSED_ROOTS.has(first);
  const last = raw.slice(dot + 1);
  // No code reads a property called com, net or org: `user.com` and `el.com` are hosts.
  if (REVERSED_ROOTS.has(last.toLowerCase())) return false;
  return CODE_STEMS.has(first.toLowerCase()) || (first.length === 1 && ALIAS_COLUMNS.has(last.toLowerCase()));
}

function checkNameInText(raw: string): TypedValue | null {
  if (isProductName(raw)) return null;
  if (FILE_EXTENSIONS.has(extensionOf(raw)) && (!hasDomainLikeExtension(raw) || looksLikeFileName(raw))) {
    const file = parseFileName(raw);
    return file && { type: "filename", value: detach(file.value) };
  }
  if (looksLikeProse(raw) || looksLikeCode(raw)) return null;
  // Not through normaliseDomain's cache: this answer is remembered already, under the same name.
  const domain = mayBeName(raw) ? checkDomain(raw) : null;
  return domain === null ? null : { type: "domain", value: domain };
}

const recentInText = new Recent<TypedValue>();

/**
 * A dotted name found in running text (not a URL host, not an e-mail domain, not defanged): a file
 * name, a domain, or null when it is neither or reads as prose or code.
 */
export function nameFromText(raw: string): TypedValue | null {
  const dot = raw.lastIndexOf(".", raw.length - 2);
  if (dot <= 0) return null;
  return recentInText.answer(raw, checkNameInText);
}

/** A dotted name inside a URL's path or query: a domain, never a file name (`/x/evil.com/`, `?host=evil.se`). */
export function domainInUrl(raw: string): string | null {
  return looksLikeFileName(raw) ? null : normaliseDomain(raw);
}
