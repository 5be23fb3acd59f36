import type { TypedValue } from "../../../../contract/observables.js";

// Fingerprints whose shape is their own: ssdeep, JA4 and its family, MAC addresses, and hashes
// written as colon-separated bytes (certificate fingerprints). JA3 is an MD5 and needs the word
// next to it (the scanner knows); so does JA4X, three bare runs of hex.

/** blocksize:hash:hash, hashes in base64's alphabet; the first at least 10 characters so "3:abc:def" is no hash. */
const SSDEEP = /^([1-9]\d{0,9}):([A-Za-z0-9/+]{10,64}):([A-Za-z0-9/+]{1,64})$/;

/** An ssdeep fuzzy hash as written; its block size must be 3·2ⁿ as ssdeep makes them. */
export function parseSsdeep(text: string): TypedValue | null {
  const m = SSDEEP.exec(text);
  if (!m) return null;
  let block = Number(m[1]);
  if (block % 3 !== 0) return null;
  block /= 3;
  if ((block & (block - 1)) !== 0 || block > 2 ** 30) return null;
  return { type: "ssdeep", value: text };
}

// FoxIO's JA4+ formats: TLS client (JA4), server (JA4S), HTTP client (JA4H); X.509 (JA4X) by context.
const JA4 = /^[tqd][0-9a-z]{2}[di]\d{4}[0-9a-z]{2}_[0-9a-f]{12}_[0-9a-f]{12}$/;
const JA4S = /^[tqd][0-9a-z]{2}\d{2}[0-9a-z]{2}_[0-9a-f]{4}_[0-9a-f]{12}$/;
const JA4H = /^[a-z]{2}\d{2}[cn][rn]\d{2}[0-9a-z]{4}_[0-9a-f]{12}_[0-9a-f]{12}_[0-9a-f]{12}$/;
const JA4X = /^[0-9a-f]{12}_[0-9a-f]{12}_[0-9a-f]{12}$/;

/** A JA4, JA4S or JA4H fingerprint (lower case), or a JA4X when `named` (the word JA4X stood next to it). */
export function parseJa4(text: string, named = false): TypedValue | null {
  const n = text.length;
  if (n !== 25 && n !== 36 && n !== 38 && n !== 51) return null;
  const value = text.toLowerCase();
  const ok =
    n === 36 ? JA4.test(value) : n === 25 ? JA4S.test(value) : n === 51 ? JA4H.test(value) : named && JA4X.test(value);
  return ok ? { type: "ja4", value } : null;
}

const MAC_SEPARATED = /^[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}$/;
const MAC_DOTTED = /^[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}$/;
/** All zeros and broadcast name no device. */
const NO_DEVICE = new Set(["00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff"]);

function macOf(hex12: string): TypedValue | null {
  const value = hex12.toLowerCase().replace(/(..)(?!$)/g, "$1:");
  return NO_DEVICE.has(value) ? null : { type: "mac", value };
}

/** A MAC address (00:1A:…, 00-1A-…, Cisco's 001a.2b3c.4d5e) as lower-case hex with colons. */
export function parseMac(text: string): TypedValue | null {
  if (text.length === 17 && MAC_SEPARATED.test(text)) return macOf(text.replace(/[:-]/g, ""));
  if (text.length === 14 && MAC_DOTTED.test(text)) return macOf(text.replace(/\./g, ""));
  return null;
}

const COLON_BYTES = /^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2})+$/;

/**
 * Colon-separated bytes: 16, 20 or 32 are a certificate's MD5, SHA-1 or SHA-256 fingerprint; 14 are
 * the Ethernet header a firewall logs as MAC= (destination, source, EtherType).
 */
export function parseColonBytes(text: string): TypedValue[] {
  const bytes = (text.length + 1) / 3;
  if (![14, 16, 20, 32].includes(bytes) || !COLON_BYTES.test(text)) return [];
  const hex = text.replace(/:/g, "").toLowerCase();
  if (bytes === 14) return [macOf(hex.slice(0, 12)), macOf(hex.slice(12, 24))].filter((v) => v !== null);
  return [{ type: bytes === 16 ? "md5" : bytes === 20 ? "sha1" : "sha256", value: hex }];
}
