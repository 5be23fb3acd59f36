import { decodeUnknownCharset } from "./charset-decoder.js";

/** One top-level header field: lower-case name, unfolded value (encoded words decoded). */
export interface RawHeader {
  key: string;
  value: string;
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

function findBodyOffset(raw: Buffer): { headerEnd: number; bodyOffset: number } {
  const crlf = raw.indexOf("\r\n\r\n");
  const lf = raw.indexOf("\n\n");
  if (crlf === -1 && lf === -1) return { headerEnd: raw.length, bodyOffset: raw.length };
  if (lf !== -1 && (crlf === -1 || lf < crlf)) return { headerEnd: lf, bodyOffset: lf + 2 };
  return { headerEnd: crlf, bodyOffset: crlf + 4 };
}

function decodeWord(charset: string, encoding: string, data: string): string {
  const bytes =
    encoding.toLowerCase() === "b"
      ? Buffer.from(data, "base64")
      : Buffer.from(
          data
            .replace(/_/g, " ")
            .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          "latin1",
        );
  try {
    // RFC 2231 allows a language after '*': "utf-8*sv".
    return new TextDecoder(charset.split("*")[0]?.trim().toLowerCase() ?? "utf-8").decode(bytes);
  } catch {
    return decodeUnknownCharset(bytes);
  }
}

/** Decodes RFC 2047 encoded words ("=?utf-8?Q?...?=") in a header value. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/(=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)\s+(?==\?)/g, "$1") // whitespace between encoded words is dropped (§6.2)
    .replace(/=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g, (_m, cs: string, enc: string, data: string) =>
      decodeWord(cs, enc, data),
    );
}

/**
 * Reads the top-level header block of a raw message without a MIME parser: bounded in count and
 * length, tolerant of junk lines. Used for PGP detection and when the real parser gives up.
 */
export function readRawHeaders(raw: Buffer): RawHeaderBlock {
  const { headerEnd, bodyOffset } = findBodyOffset(raw);
  const text = decodeUnknownCharset(raw.subarray(0, headerEnd));
  const headers: RawHeader[] = [];
  let current: RawHeader | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && current) {
      if (current.value.length < MAX_VALUE_CHARS) current.value += ` ${line.trim()}`;
      continue;
    }
    const m = HEADER_NAME.exec(line);
    current = null;
    if (!m || headers.length >= MAX_HEADERS) continue;
    current = { key: (m[1] ?? "").toLowerCase(), value: (m[2] ?? "").trim() };
    headers.push(current);
  }
  for (const h of headers) h.value = decodeEncodedWords(h.value.slice(0, MAX_VALUE_CHARS));
  return { headers, bodyOffset };
}

/** The first value of a header, or null. */
export function rawHeader(block: RawHeaderBlock, key: string): string | null {
  return block.headers.find((h) => h.key === key)?.value ?? null;
}

/**
 * Rebuilds a message with a bounded, clean top-level header block and the original body, so a
 * MIME parser that refused the original (e.g. a header past its size limit) can read the rest.
 */
export function withBoundedHeaders(raw: Buffer, block: RawHeaderBlock): Buffer {
  const head = block.headers
    .map((h) => `${h.key}: ${h.value.replace(/[\r\n]+/g, " ").slice(0, 998 - h.key.length - 2)}`)
    .join("\r\n");
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, "utf8"), raw.subarray(block.bodyOffset)]);
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
