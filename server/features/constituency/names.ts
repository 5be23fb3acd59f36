import { domainToASCII, domainToUnicode } from "node:url";
import type { FieldProblemCode } from "../../../contract/errors.js";
import { parseAddress } from "./ranges.js";

// Domains, AS numbers and URL prefixes in the one form the registry stores and the owner match compares:
// a domain lower-case ASCII (IDN as punycode, UTS #46 through node:url), without a trailing dot; an AS
// number as a plain integer; a URL prefix as a WHATWG-parsed http(s) URL without its fragment.

export type Normalised<T> = { ok: true; value: T } | { ok: false; code: FieldProblemCode; message: string };

const fail = <T>(code: FieldProblemCode, message: string): Normalised<T> => ({ ok: false, code, message });
const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

/**
 * A domain as stored: `Exempel.SE.` → `exempel.se`, `räksmörgås.se` → `xn--rksmrgs-5wao1o.se`. A leading
 * `*.` is dropped (a domain covers its subdomains anyway). An address is not a domain.
 */
export function normaliseDomain(text: string): Normalised<string> {
  let s = text.trim().toLowerCase();
  if (s.startsWith("*.")) s = s.slice(2);
  if (s.endsWith(".")) s = s.slice(0, -1);
  if (s === "" || s.length > 253) return fail("invalid_domain", "not a domain name");
  const ascii = /^[\x21-\x7e]*$/.test(s) ? s : domainToASCII(s);
  if (ascii === "" || ascii.length > 253) return fail("invalid_domain", "not a domain name");
  const labels = ascii.split(".");
  if (!labels.every((l) => LABEL.test(l))) return fail("invalid_domain", "not a domain name");
  if (parseAddress(ascii) !== null || labels.every((l) => /^\d+$/.test(l)))
    return fail("invalid_domain", "an address, not a domain name (give it as a network)");
  return { ok: true, value: ascii };
}

/** The domain as people read it, when it is an IDN (null when it reads the same). */
export function domainForPeople(ascii: string): string | null {
  if (!ascii.split(".").some((l) => l.startsWith("xn--"))) return null;
  const unicode = domainToUnicode(ascii);
  return unicode === "" || unicode === ascii ? null : unicode;
}

/** Largest 32-bit AS number (RFC 6793); it and AS 0 are reserved (RFC 7300, RFC 7607) and never announced. */
export const ASN_MAX = 4_294_967_295;

/** An AS number from `64500`, `"64500"` or `"AS64500"`: 1 to 4294967294. */
export function normaliseAsn(value: number | string): Normalised<number> {
  const n =
    typeof value === "number"
      ? value
      : /^(as)?\d{1,10}$/i.test(value.trim())
        ? Number(value.trim().replace(/^as/i, ""))
        : NaN;
  if (!Number.isInteger(n) || n < 0 || n > ASN_MAX)
    return fail("asn_out_of_range", "an AS number is a whole number from 1 to 4294967294");
  if (n === 0 || n === ASN_MAX) return fail("asn_reserved", `AS${n} is reserved`);
  return { ok: true, value: n };
}

/** A URL prefix as stored: an http(s) URL, host in ASCII, without fragment (`https://example.se/kunder/`). */
export function normaliseUrlPrefix(text: string): Normalised<string> {
  const url = parseHttpUrl(text);
  if (!url) return fail("invalid_url_prefix", "not an http(s) URL");
  return { ok: true, value: `${url.protocol}//${url.host}${url.pathname}${url.search}` };
}

/** What a URL is compared by: host (with a port other than the default), path and query, scheme left out. */
export function urlMatchKey(url: URL): string {
  return `${url.host}${url.pathname}${url.search}`;
}

/** An http(s) URL, or null. A URL without a scheme (`example.se/x`, as feeds often write) is read as http. */
export function parseHttpUrl(text: string): URL | null {
  const s = text.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `http://${s}`);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.hostname === "") return null;
  url.hash = "";
  return url;
}
