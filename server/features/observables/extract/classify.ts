import { domainFromText, normaliseDomain } from "./domain.js";
import { parseAsn, parseCve, parseEmail, parseHash } from "./identifiers.js";
import { formatIPv4, formatIPv6, parseCidr, parseIPv4, parseIPv6 } from "./ip.js";
import type { TypedValue } from "../../../../contract/observables.js";

// One piece of a token (a run of value characters, never a URL) holds one value, several joined by
// `/ @ :` (a path, user@host:port, key:value), or a hash inside a file name. Each step below is an
// anchored check or a split, so a piece costs a small multiple of its length.

const EDGE = ".-+%@/:";
const PORT = /^\d{1,5}$/;
const HEX_DIGIT = /[0-9A-Fa-f]/;
const JOINERS = /[/@:]/;
const PATH_JOINERS = /[/:]/;
const NOT_WORD = /[^0-9A-Za-z_]/;
const NOT_CVE = /[^0-9A-Za-z-]/;
const CVE_INSIDE = /cve-/i;

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

function addDomain(text: string, inRunningText: boolean, found: TypedValue[]): boolean {
  const domain = inRunningText ? domainFromText(text) : normaliseDomain(text);
  if (domain) found.push({ type: "domain", value: domain });
  return domain !== null;
}

/** An address, hash, CVE id, AS number or domain: the values without `/ @ :` in them. */
function addSimple(text: string, inRunningText: boolean, found: TypedValue[]): boolean {
  // Cheap looks at the first character and the length decide which anchored check can apply.
  const first = text.charCodeAt(0);
  const hasDot = text.includes(".");
  const id =
    hasDot && first >= 48 && first <= 57
      ? parseIp4Value(text)
      : text.length === 32 || text.length === 40 || text.length === 64
        ? parseHash(text)
        : (first | 32) === 99
          ? parseCve(text)
          : first === 65
            ? parseAsn(text)
            : null;
  if (id) {
    found.push(id);
    return true;
  }
  return hasDot && addDomain(text, inRunningText, found);
}

function parseIp4Value(text: string): TypedValue | null {
  const v4 = parseIPv4(text);
  return v4 === null ? null : { type: "ipv4", value: formatIPv4(v4) };
}

function addColonValue(text: string, inRunningText: boolean, found: TypedValue[]): boolean {
  // A lone "::" or a clock time is no address; a real one has hex digits and passes RFC 4291.
  const v6 = HEX_DIGIT.test(text) ? parseIPv6(text) : null;
  if (v6) {
    found.push({ type: "ipv6", value: formatIPv6(v6) });
    return true;
  }
  const colon = text.lastIndexOf(":");
  const port = text.slice(colon + 1);
  if (!PORT.test(port) || Number(port) > 65_535) return false;
  const host = text.slice(0, colon);
  return !host.includes(":") && (addEmail(host, found) || addSimple(host, inRunningText, found));
}

function addEmail(text: string, found: TypedValue[]): boolean {
  const address = text.includes("@") ? parseEmail(text) : null;
  if (address) found.push({ type: "email", value: address.email }, { type: "domain", value: address.domain });
  return address !== null;
}

/** Every value in the piece as a whole: e-mail, network, IPv6, host:port, or a simple value. */
function addWhole(text: string, inRunningText: boolean, found: TypedValue[]): boolean {
  if (addEmail(text, found)) return true;
  if (text.includes("/")) {
    const network = parseCidr(text);
    if (network) found.push(network);
    return network !== null;
  }
  if (text.includes(":")) return addColonValue(text, inRunningText, found) || addAsnWithColon(text, found);
  return addSimple(text, inRunningText, found);
}

function addAsnWithColon(text: string, found: TypedValue[]): boolean {
  const asn = parseAsn(text);
  if (asn) found.push(asn);
  return asn !== null;
}

/**
 * Hashes and CVE ids inside longer names ("<md5>.exe", "malware-<sha256>.bin", "CVE-2024-3400_poc").
 * A hash must be bounded by characters that are neither hex nor word characters, so "x_<md5>" is
 * no hash; a CVE id may sit next to an underscore.
 */
function addWords(text: string, found: TypedValue[]): void {
  if (text.length < 13) return;
  if (text.length > 32) {
    for (const word of text.split(NOT_WORD)) {
      const hash = parseHash(word);
      if (hash) found.push(hash);
    }
  }
  if (CVE_INSIDE.test(text)) {
    for (const word of text.split(NOT_CVE)) {
      const cve = parseCve(word);
      if (cve) found.push(cve);
    }
  }
}

/** Cheap test that the piece can hold anything (most pieces are words with a full stop after them). */
function mayHoldValue(piece: string): boolean {
  return (
    piece.length >= 32 ||
    piece.includes(".") ||
    piece.includes(":") ||
    piece.includes("@") ||
    piece.includes("/") ||
    piece.includes("AS") ||
    (piece.length >= 13 && piece.includes("-"))
  );
}

/**
 * Emits the values in one piece. `inRunningText` is false for defanged tokens: someone marked the
 * value on purpose, so the file-name and prose guesses for domains do not apply.
 */
export function classifyPiece(raw: string, inRunningText: boolean, found: TypedValue[]): void {
  const piece = trimPiece(raw);
  if (piece.length < 3 || !mayHoldValue(piece) || addWhole(piece, inRunningText, found)) return;
  if (!JOINERS.test(piece)) {
    addWords(piece, found);
    return;
  }
  // Split on path and port separators first so "mailto:ann@evil.se" keeps its e-mail address.
  for (const part of piece.split(PATH_JOINERS)) {
    const text = trimPiece(part);
    if (text.length < 3 || addEmail(text, found) || addSimple(text, inRunningText, found)) continue;
    if (!text.includes("@")) {
      addWords(text, found);
      continue;
    }
    for (const side of text.split("@")) {
      const word = trimPiece(side);
      if (word.length >= 3 && !addSimple(word, inRunningText, found)) addWords(word, found);
    }
  }
}
