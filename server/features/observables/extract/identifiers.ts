import type { TypedValue } from "../../../../contract/observables.js";
import { normaliseDomain } from "./domain.js";
import { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from "./ip.js";

// The values that are one anchored pattern each: hashes, CVE ids, AS numbers, e-mail addresses.

const HEX = /^[0-9A-Fa-f]+$/;
const CVE = /^CVE[-_](\d{4})[-_](\d{4,7})$/i;
const ASN = /^AS(?:N:?)?[ \t]{0,4}([1-9]\d{0,9})$/;
const ASN_ANY_CASE = new RegExp(ASN.source, "i");
/** "as1234" and "asn1234" glued: lower case is English only with a space ("as 100 people"). */
const ASN_GLUED = /^asn?([1-9]\d{0,9})$/;
const MAX_ASN = 4_294_967_295;
/** IBM's AS/400, far more often meant by "AS400" than the network of that number. */
const PRODUCT_AS = "AS400";

/** An MD5, SHA-1, SHA-256 or SHA-512 by its length (32, 40, 64, 128 hex digits), or a TLSH (70, or 72 with "T1"). */
export function parseHash(text: string): TypedValue | null {
  const n = text.length;
  if (n === 72 && (text.charCodeAt(0) | 32) === 116 && text.charCodeAt(1) === 49) {
    return HEX.test(text.slice(2)) ? { type: "tlsh", value: `T1${text.slice(2).toUpperCase()}` } : null;
  }
  const type =
    n === 32 ? "md5" : n === 40 ? "sha1" : n === 64 ? "sha256" : n === 128 ? "sha512" : n === 70 ? "tlsh" : null;
  if (type === null || !HEX.test(text)) return null;
  return type === "tlsh" ? { type, value: `T1${text.toUpperCase()}` } : { type, value: text.toLowerCase() };
}

/** CVE-YYYY-NNNN (four to seven digits, MITRE's syntax since 2014; "_" as in PoC names), upper-cased. */
export function parseCve(text: string): TypedValue | null {
  const m = CVE.exec(text);
  const year = Number(m?.[1]);
  return m && year >= 1999 && year <= 2099 ? { type: "cve", value: `CVE-${m[1] ?? ""}-${m[2] ?? ""}` } : null;
}

/** The CVE id of a year and a number read apart ("CVE 2024 12345"). */
export function cveOf(year: string, number: string): TypedValue | null {
  return parseCve(`CVE-${year}-${number}`);
}

/**
 * AS12345, ASN 12345, ASN: 12345 as "AS12345" (1 to 4294967295, RFC 6793). In running text "AS" is
 * upper case, or lower case glued to the number ("as1234"); "AS400" is the IBM system. A value typed
 * by hand may be in any case.
 */
export function parseAsn(text: string, anyCase = false): TypedValue | null {
  const m = (anyCase ? ASN_ANY_CASE : ASN).exec(text) ?? (anyCase ? null : ASN_GLUED.exec(text));
  const n = Number(m?.[1]);
  if (!m || n > MAX_ASN || (!anyCase && text === PRODUCT_AS)) return null;
  return { type: "asn", value: `AS${n}` };
}

/** An AS number read after the word that names it ("AS 3301", "ASN | 3301", `"asn": 3301`). */
export function asnOf(number: string): TypedValue | null {
  const n = Number(number);
  return n >= 1 && n <= MAX_ASN ? { type: "asn", value: `AS${n}` } : null;
}

// RFC 5322's atext, and any letter (RFC 6531 allows UTF-8 local parts).
const EMAIL = /^([\p{L}\p{N}._%+\-!#$&*=?^{}~]{1,64})@([^@]{1,253})$/u;
const WORD = /[\p{L}\p{N}]/u;
const ADDRESS_LITERAL = /^\[(?:(IPv6:)([0-9A-Fa-f:.]{2,45})|(\d{1,3}(?:\.\d{1,3}){3}))\]$/i;

/** The domain of an address: a public domain, or an address literal ("[192.0.2.1]", "[IPv6:2001:db8::1]"). */
function mailDomain(text: string): { written: string; value: TypedValue } | null {
  if (text.charCodeAt(0) !== 91) {
    const domain = normaliseDomain(text);
    return domain ? { written: domain, value: { type: "domain", value: domain } } : null;
  }
  const m = ADDRESS_LITERAL.exec(text);
  if (!m) return null;
  if (m[3] !== undefined) {
    const v4 = parseIPv4(m[3]);
    if (v4 === null) return null;
    const ip = formatIPv4(v4);
    return { written: `[${ip}]`, value: { type: "ipv4", value: ip } };
  }
  const v6 = parseIPv6(m[2] ?? "");
  if (v6 === null) return null;
  const ip = formatIPv6(v6);
  return { written: `[IPv6:${ip}]`, value: { type: "ipv6", value: ip } };
}

/** An e-mail address lower-cased whole, with the value of its domain (which must pass the domain check). */
export function parseEmail(text: string): { email: string; domain: TypedValue } | null {
  const m = EMAIL.exec(text);
  if (!m) return null;
  const local = m[1] ?? "";
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..") || !WORD.test(local)) return null;
  const domain = mailDomain(m[2] ?? "");
  return domain ? { email: `${local.toLowerCase()}@${domain.written}`, domain: domain.value } : null;
}
