import type { TypedValue } from "../../../../contract/observables.js";
import { asnOf, cveOf } from "./identifiers.js";

// Words that say what the next words are, and values written over several words: "AS 3301",
// "ASN | 3301", `"asn": 3301`, "CVE 2024 12345", "CVE–2023–34362" (dashes from a word processor are
// hard delimiters), "JA3 <md5>", "Message-ID: <…>", "version 1.2.3.4". The scanner asks about every
// short token, so the recognisers compare characters in place and allocate nothing.

/** What a short token is, as far as the words after it care. */
export const PLAIN = 0;
export const CVE_WORD = 1;
export const ASN_WORD = 2;
export const ASN_KEY = 3;
export const JA3_WORD = 4;
export const JA4X_WORD = 5;
export const MESSAGE_ID = 6;
export const VERSION = 7;
export const GLUED_ASN = 8;

const lower = (code: number): number => code | 32;

function equalsIgnoringCase(text: string, start: number, size: number, word: string): boolean {
  if (size !== word.length) return false;
  for (let k = 0; k < size; k++) if (lower(text.charCodeAt(start + k)) !== word.charCodeAt(k)) return false;
  return true;
}

function containsIgnoringCase(text: string, start: number, size: number, word: string): boolean {
  for (let at = start; at + word.length <= start + size; at++) {
    if (equalsIgnoringCase(text, at, word.length, word)) return true;
  }
  return false;
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** The kind of the token text[start, start + size) (size ≤ 16), or PLAIN. */
export function wordKind(text: string, start: number, size: number): number {
  const first = lower(text.charCodeAt(start));
  switch (first) {
    case 97: {
      // "AS" "ASN" "AS:" "ASN:" (upper case), "asn" as a key, "as1234" glued
      const c1 = text.charCodeAt(start + 1);
      if (text.charCodeAt(start) === 65 && c1 === 83) {
        const rest = size - 2;
        const c2 = text.charCodeAt(start + 2);
        if (
          rest === 0 ||
          (rest === 1 && (c2 === 78 || c2 === 58)) ||
          (rest === 2 && c2 === 78 && text.charCodeAt(start + 3) === 58)
        ) {
          return ASN_WORD;
        }
      }
      if (lower(c1) !== 115) return PLAIN;
      if (size === 3 && equalsIgnoringCase(text, start, 3, "asn")) return ASN_KEY;
      const digit = lower(text.charCodeAt(start + 2)) === 110 ? start + 3 : start + 2;
      return size > 2 && size <= 14 && isDigit(text.charCodeAt(digit)) ? GLUED_ASN : PLAIN;
    }
    case 99:
      return (size === 3 || (size === 4 && text.charCodeAt(start + 3) === 58)) &&
        equalsIgnoringCase(text, start, 3, "cve")
        ? CVE_WORD
        : PLAIN;
    case 106:
      if (size < 3 || lower(text.charCodeAt(start + 1)) !== 97) return PLAIN;
      if (containsIgnoringCase(text, start, size, "ja4x")) return JA4X_WORD;
      return containsIgnoringCase(text, start, size, "ja3") ? JA3_WORD : PLAIN;
    case 109:
    case 105:
    case 114:
      return size >= 10 &&
        size <= 12 &&
        (equalsIgnoringCase(text, start, 11, "message-id:") ||
          equalsIgnoringCase(text, start, 10, "message-id") ||
          equalsIgnoringCase(text, start, 12, "in-reply-to:") ||
          equalsIgnoringCase(text, start, 11, "references:"))
        ? MESSAGE_ID
        : PLAIN;
    case 118:
    case 98:
    case 102:
      return size <= 9 &&
        (equalsIgnoringCase(text, start, size, "version") ||
          equalsIgnoringCase(text, start, size, "version:") ||
          equalsIgnoringCase(text, start, size, "versions") ||
          equalsIgnoringCase(text, start, size, "ver.") ||
          equalsIgnoringCase(text, start, size, "v.") ||
          equalsIgnoringCase(text, start, size, "build") ||
          equalsIgnoringCase(text, start, size, "firmware"))
        ? VERSION
        : PLAIN;
    default:
      return PLAIN;
  }
}

// After the word, at the delimiter that ended it. Dashes: hyphen, non-breaking hyphen, figure dash,
// en dash, minus sign.
const SPACED_CVE =
  /[ \t\-\u2010-\u2013\u2212_:]{1,3}((?:19|20)\d{2})[ \t\-\u2010-\u2013\u2212_]{1,3}(\d{4,7})(?![0-9A-Za-z])/y;
const SPACED_ASN = /[ \t|:=]{1,6}([1-9]\d{0,9})(?![0-9A-Za-z_.])/y;
const KEYED_ASN = /["']?[ \t]*[:=][ \t]*["']?([1-9]\d{0,9})(?![0-9A-Za-z_.])/y;

/** The value a CVE or AS word and the text after it at `at` spell, if any. */
export function valueAfter(kind: number, text: string, at: number): TypedValue | null {
  const pattern = kind === CVE_WORD ? SPACED_CVE : kind === ASN_WORD ? SPACED_ASN : kind === ASN_KEY ? KEYED_ASN : null;
  if (pattern === null) return null;
  pattern.lastIndex = at;
  const m = pattern.exec(text);
  if (!m) return null;
  return kind === CVE_WORD ? cveOf(m[1] ?? "", m[2] ?? "") : asnOf(m[1] ?? "");
}
