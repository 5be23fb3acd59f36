import { domainToASCII } from "node:url";
import { parse as parseSuffix } from "tldts";
import { detach } from "./detach.js";

// Domains: a name is only a domain when its suffix is on the public suffix list (ICANN section; the
// private section's suffixes all sit under ICANN ones) and it is more than a bare suffix.

const SUFFIX_OPTIONS = {
  allowPrivateDomains: false,
  extractHostname: false,
  validateHostname: false,
  detectIp: false,
  mixedInputs: false,
} as const;
const ASCII_NAME = /^[a-z0-9.-]+$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const ASCII_TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const NEEDS_IDNA = /[\u0080-\uffff]|(?:^|\.)xn--/;
const DIGIT = /\d/;
const PUNYCODE = /^xn--/i;

// The same few names come back again and again in logs and mail; the suffix lookup is the costly part
// of the check, so recent answers are remembered (a pure function's results, bounded, copied so that
// no cached name keeps the text it came from alive).
const RECENT_LIMIT = 8192;

function remembered(
  cache: Map<string, string | null>,
  raw: string,
  check: (raw: string) => string | null,
): string | null {
  const known = cache.get(raw);
  if (known !== undefined) return known;
  const name = check(raw);
  if (cache.size >= RECENT_LIMIT) cache.clear();
  const kept = name === null ? null : detach(name);
  cache.set(detach(raw), kept);
  return kept;
}

const recentNames = new Map<string, string | null>();

/** Cheap first look: a top-level domain has no digit unless punycode ("1.2.3", "12:00:00.123Z", "HTTP/1.1" are no names). */
function mayBeName(raw: string): boolean {
  const dot = raw.lastIndexOf(".", raw.length - 2);
  const tld = raw.slice(dot + 1);
  return dot > 0 && (!DIGIT.test(tld) || PUNYCODE.test(tld));
}

/** A host name lower-cased, IDN to punycode, without a trailing dot; null unless it has a registrable public suffix. */
export function normaliseDomain(raw: string): string | null {
  return mayBeName(raw) ? remembered(recentNames, raw, checkDomain) : null;
}

function checkDomain(raw: string): string | null {
  let name = raw.toLowerCase();
  if (name.endsWith(".")) name = name.slice(0, -1);
  if (name.length === 0 || name.length > 253 * 4) return null;
  // domainToASCII also checks existing punycode labels ("xn--zz" decodes to nothing: invalid).
  if (NEEDS_IDNA.test(name)) name = domainToASCII(name);
  if (name.length === 0 || name.length > 253 || !ASCII_NAME.test(name)) return null;
  const labels = name.split(".");
  if (labels.length < 2 || !ASCII_TLD.test(labels[labels.length - 1] ?? "")) return null;
  if (!labels.every((label) => LABEL.test(label))) return null;
  const suffix = parseSuffix(name, SUFFIX_OPTIONS);
  return suffix.isIcann === true && suffix.domain !== null ? name : null;
}

// File extensions that are also TLDs. In running text `README.md` or `install.sh` is a file far more
// often than a Moldovan or Saint Helenian site, so a bare two-label name ending in one of these is read
// as a file name when its first label looks like one (below). The same name as a URL host, an e-mail
// domain or defanged (`evil[.]md`) is a domain: the writer said so.
const ALWAYS_FILE_TLDS = new Set(["md", "py", "sh", "ps", "pm", "mov", "zip"]);
const FILE_TLDS = new Set(["pl", "rs", "so", "cc", "do", "ai", "ml", "sc", "tf", "one", "cab", "pub"]);
const FILE_STEMS = new Set(
  (
    "readme license changelog index main setup install config test tests lib mod app script run build update " +
    "start init payload exploit loader dropper stager invoice document archive backup data file download " +
    "report faktura dokument kvitto bild video sample poc server client utils"
  ).split(" "),
);

/** True when a bare two-label name like `readme.md` is better read as a file name than a domain. */
function looksLikeFileName(labels: readonly string[]): boolean {
  if (labels.length !== 2) return false;
  const [stem = "", extension = ""] = labels;
  const tld = extension.toLowerCase();
  if (!ALWAYS_FILE_TLDS.has(tld) && !FILE_TLDS.has(tld)) return false;
  if (ALWAYS_FILE_TLDS.has(tld)) return true;
  // camelCase or SHOUTING stems (setupTool.pl, README.rs) are how files are named, not hosts.
  return FILE_STEMS.has(stem.toLowerCase()) || /^.+[A-Z]/.test(stem);
}

/** True when a dot joins two words of prose without a space ("klart.Sedan", "done.It"): a lower-case word before a capitalised last label. */
function looksLikeProse(labels: readonly string[]): boolean {
  const tld = labels[labels.length - 1] ?? "";
  const before = labels[labels.length - 2] ?? "";
  return /^[A-Z][a-z]+$/.test(tld) && /[a-z]$/.test(before);
}

function checkDomainInText(raw: string): string | null {
  const labels = raw.split(".");
  return looksLikeFileName(labels) || looksLikeProse(labels) ? null : normaliseDomain(raw);
}

const recentInText = new Map<string, string | null>();

/** A domain found in running text (not a URL host, not an e-mail domain, not defanged), with its original case; null when it is no domain or is likely a file name or prose. */
export function domainFromText(raw: string): string | null {
  return mayBeName(raw) ? remembered(recentInText, raw, checkDomainInText) : null;
}
