import type { TypedValue } from "../../../../contract/observables.js";
import { normaliseDomain } from "./domain.js";

// The values that are one anchored pattern each: hashes, CVE ids, AS numbers, e-mail addresses.

const HEX = /^[0-9A-Fa-f]+$/;
const CVE = /^CVE-(\d{4})-(\d{4,7})$/i;
const ASN = /^AS(?:N:?)?[ \t]{0,4}([1-9]\d{0,9})$/;
const ASN_ANY_CASE = new RegExp(ASN.source, "i");
const EMAIL = /^([A-Za-z0-9._%+-]{1,64})@([^@]{1,253})$/;
const MAX_ASN = 4_294_967_295;

/** An MD5, SHA-1 or SHA-256 by its length (32, 40, 64 hex digits), lower-cased. */
export function parseHash(text: string): TypedValue | null {
  const type = text.length === 32 ? "md5" : text.length === 40 ? "sha1" : text.length === 64 ? "sha256" : null;
  return type && HEX.test(text) ? { type, value: text.toLowerCase() } : null;
}

/** CVE-YYYY-NNNN (four to seven digits, MITRE's syntax since 2014), upper-cased. */
export function parseCve(text: string): TypedValue | null {
  const m = CVE.exec(text);
  return m ? { type: "cve", value: `CVE-${m[1] ?? ""}-${m[2] ?? ""}` } : null;
}

/**
 * AS12345, ASN 12345, ASN: 12345 as "AS12345" (1 to 4294967295, RFC 6793). In running text only the
 * upper-case "AS" counts ("as 100 people" is English); a value typed by hand may be in any case.
 */
export function parseAsn(text: string, anyCase = false): TypedValue | null {
  const m = (anyCase ? ASN_ANY_CASE : ASN).exec(text);
  const n = Number(m?.[1]);
  return m && n <= MAX_ASN ? { type: "asn", value: `AS${n}` } : null;
}

/** An e-mail address lower-cased whole, with its domain (which must pass the domain check). */
export function parseEmail(text: string): { email: string; domain: string } | null {
  const m = EMAIL.exec(text);
  if (!m) return null;
  const local = m[1] ?? "";
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) return null;
  const domain = normaliseDomain(m[2] ?? "");
  return domain ? { email: `${local.toLowerCase()}@${domain}`, domain } : null;
}
