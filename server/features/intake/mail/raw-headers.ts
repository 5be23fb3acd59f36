import { decodeCharset, decodeUnknownCharset, normaliseCharset } from "./charset-decoder.js";

/** One header field: lower-case name, unfolded value (encoded words and 8-bit bytes decoded). */
export interface RawHeader {
  key: string;
  value: string;
  /** The unfolded value as it came, one character per byte (Latin-1): for structured parsing. */
  raw: string;
}

export interface RawHeaderBlock {
  headers: RawHeader[];
  /** Byte offset where the body starts (raw.length when there is no body). */
  bodyOffset: number;
}

// Bounds that keep a hostile header block (megabytes of folded lines) from costing memory or time.
const MAX_HEADERS = 300;
const MAX_VALUE_CHARS = 8192;
const HEADER_NAME = /^([!-9;-~]+)[ \t]*:(.*)$/s;
// An RFC 2047 encoded word; Q data may carry raw 8-bit bytes (seen in the wild), kept as bytes.
const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?]*)\?=/g;

function findBodyOffset(raw: Buffer): { headerEnd: number; bodyOffset: number } {
  const crlf = raw.indexOf("\r\n\r\n");
  const lf = raw.indexOf("\n\n");
  if (crlf === -1 && lf === -1) return { headerEnd: raw.length, bodyOffset: raw.length };
  if (lf !== -1 && (crlf === -1 || lf < crlf)) return { headerEnd: lf, bodyOffset: lf + 2 };
  return { headerEnd: crlf, bodyOffset: crlf + 4 };
}

function wordBytes(encoding: string, data: string): Buffer {
  if (encoding.toLowerCase() === "b") return Buffer.from(data.replace(/[^A-Za-z0-9+/]/g, ""), "base64");
  const latin = data
    .replace(/_/g, " ")
    .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(latin, "latin1");
}

/**
 * THE header decoder: every header Fyr reads (top level and MIME parts) goes through it. Takes the
 * value as bytes (a Latin-1 string, one character per byte) and decodes RFC 2047 encoded words in
 * their charset — adjacent words of one charset joined first, so a character split across words
 * survives — and raw 8-bit runs by detection: valid UTF-8 is UTF-8, anything else Windows-1252.
 */
export function decodeHeaderValue(raw: string): string {
  const pieces: ({ charset: null; text: string } | { charset: string; bytes: Buffer[] })[] = [];
  let last = 0;
  for (const m of raw.matchAll(ENCODED_WORD)) {
    const between = raw.slice(last, m.index);
    const charset = normaliseCharset(m[1]);
    const bytes = wordBytes(m[2] ?? "q", m[3] ?? "");
    const previous = pieces.at(-1);
    last = m.index + m[0].length;
    // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
    const joined = previous && previous.charset !== null && /^[ \t\r\n]*$/.test(between);
    if (!joined && between) pieces.push({ charset: null, text: between });
    if (joined && previous.charset === charset) previous.bytes.push(bytes);
    else pieces.push({ charset, bytes: [bytes] });
  }
  if (last < raw.length) pieces.push({ charset: null, text: raw.slice(last) });
  return pieces
    .map((p) =>
      p.charset === null
        ? decodeUnknownCharset(Buffer.from(p.text, "latin1"))
        : decodeCharset(Buffer.concat(p.bytes), p.charset),
    )
    .join("");
}

/** Reads a header block (bytes up to the blank line): bounded in count and length, tolerant of junk lines. */
export function readHeaderLines(block: Buffer): RawHeader[] {
  const text = block.toString("latin1");
  const headers: RawHeader[] = [];
  let current: RawHeader | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && current) {
      if (current.raw.length < MAX_VALUE_CHARS) current.raw += ` ${line.trim()}`;
      continue;
    }
    const m = HEADER_NAME.exec(line);
    current = null;
    if (!m || headers.length >= MAX_HEADERS) continue;
    current = { key: (m[1] ?? "").toLowerCase(), value: "", raw: (m[2] ?? "").trim() };
    headers.push(current);
  }
  for (const h of headers) {
    h.raw = h.raw.slice(0, MAX_VALUE_CHARS);
    h.value = decodeHeaderValue(h.raw);
  }
  return headers;
}

/**
 * Reads the top-level header block of a raw message: the one source of the subject, sender and
 * thread headers, and what PGP detection and the fallbacks use.
 */
export function readRawHeaders(raw: Buffer): RawHeaderBlock {
  const { headerEnd, bodyOffset } = findBodyOffset(raw);
  return { headers: readHeaderLines(raw.subarray(0, headerEnd)), bodyOffset };
}

/** The first value of a header, or null. */
export function rawHeader(block: RawHeaderBlock | { headers: RawHeader[] }, key: string): string | null {
  return block.headers.find((h) => h.key === key)?.value ?? null;
}

/**
 * Rebuilds a message with a bounded, clean top-level header block and the original body, so a
 * MIME parser that refused the original (e.g. a header past its size limit) can read the rest.
 */
export function withBoundedHeaders(raw: Buffer, block: RawHeaderBlock): Buffer {
  const head = block.headers
    .map((h) => `${h.key}: ${h.raw.replace(/[\r\n]+/g, " ").slice(0, 998 - h.key.length - 2)}`)
    .join("\r\n");
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, "latin1"), raw.subarray(block.bodyOffset)]);
}

/** A flat header record for display and storage: repeated fields joined by newlines. */
export function headerRecord(block: RawHeaderBlock): Record<string, string> {
  const record: Record<string, string> = {};
  for (const h of block.headers) {
    const previous = record[h.key];
    record[h.key] = previous === undefined ? h.value : `${previous}\n${h.value}`;
  }
  return record;
}
