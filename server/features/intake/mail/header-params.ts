import { decodeCharset } from "./charset-decoder.js";
import { decodeHeaderValue } from "./raw-headers.js";

/** A structured header (Content-Type, Content-Disposition): its value, lower case, and decoded parameters. */
export interface StructuredHeader {
  value: string;
  params: Record<string, string>;
}

const MAX_PARAMS = 50;

/** Splits on a separator outside quoted strings. */
function splitOutsideQuotes(raw: string, separator: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charAt(i);
    if (c === "\\" && quoted) {
      current += c + (raw[i + 1] ?? "");
      i++;
    } else if (c === '"') {
      quoted = !quoted;
      current += c;
    } else if (c === separator && !quoted) {
      parts.push(current);
      current = "";
    } else current += c;
  }
  parts.push(current);
  return parts;
}

function unquote(value: string): string {
  const v = value.trim();
  return v.startsWith('"') ? v.replace(/^"|"$/g, "").replace(/\\(.)/g, "$1") : v;
}

const percentBytes = (s: string) =>
  Buffer.from(
    s.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  );

/**
 * Parses a structured header from its raw bytes (a Latin-1 string), decoding RFC 2231 parameters
 * (`filename*=utf-8''…`, continuations `name*0*=`) and, through the one header decoder, encoded
 * words and raw 8-bit bytes in plain parameter values (what Outlook and many webmails send).
 */
export function parseStructuredHeader(raw: string): StructuredHeader {
  const [head = "", ...rest] = splitOutsideQuotes(raw, ";");
  const plain = new Map<string, string>();
  const extended = new Map<string, { pieces: Map<number, { text: string; encoded: boolean }> }>();
  for (const part of rest.slice(0, MAX_PARAMS)) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim().toLowerCase();
    const value = unquote(part.slice(eq + 1));
    const m = /^([^*]+)(?:\*(\d+))?(\*)?$/.exec(name);
    if (!m) continue;
    const [, base = "", index, star] = m;
    if (index === undefined && !star) {
      plain.set(base, value);
      continue;
    }
    const entry = extended.get(base) ?? { pieces: new Map() };
    entry.pieces.set(Number(index ?? 0), { text: value, encoded: Boolean(star) });
    extended.set(base, entry);
  }
  const params: Record<string, string> = {};
  for (const [name, value] of plain) params[name] = decodeHeaderValue(value);
  for (const [name, { pieces }] of extended) {
    let charset = "";
    const bytes: Buffer[] = [];
    for (const n of [...pieces.keys()].sort((a, b) => a - b)) {
      const piece = pieces.get(n);
      if (!piece) continue;
      let text = piece.text;
      if (n === 0 && piece.encoded) {
        const m = /^([^']*)'[^']*'(.*)$/s.exec(text);
        if (m) [, charset = "", text = ""] = m;
      }
      bytes.push(piece.encoded ? percentBytes(text) : Buffer.from(text, "latin1"));
    }
    params[name] = decodeCharset(Buffer.concat(bytes), charset || null);
  }
  return { value: decodeHeaderValue(head).trim().toLowerCase(), params };
}
