import { decodeUnknownCharset } from "./charset-decoder.js";
import type { MimeContent } from "./mime-reader.js";
import type { RawHeaderBlock } from "./raw-headers.js";

// What a report's text may hold when nothing better could be read: the start of the body.
const RAW_TEXT_LIMIT_BYTES = 1_000_000;
const BOUNDARY_LINE = /^--[^\s]{1,200}\s*$/;
const HEADER_LINE = /^[!-9;-~]+[ \t]*:/;
const CONTINUATION = /^[ \t]+\S/;
// A line of base64 or uuencoded data: an attachment's bytes, never text anyone wrote.
const ENCODED_DATA = /^[A-Za-z0-9+/=]{60,}$/;

/**
 * The body as readable text when no MIME parser could read the message: boundary lines, the part
 * headers that follow them and encoded attachment data are left out, so a report's text is what
 * people wrote, not MIME scaffolding. The raw message keeps everything.
 */
export function readableRawBody(body: string): string {
  const out: string[] = [];
  let inPartHeaders = false;
  for (const line of body.split(/\r?\n/)) {
    if (BOUNDARY_LINE.test(line)) {
      inPartHeaders = true;
      continue;
    }
    if (inPartHeaders) {
      if (HEADER_LINE.test(line) || CONTINUATION.test(line)) continue;
      inPartHeaders = false;
      if (!line.trim()) continue;
    }
    if (ENCODED_DATA.test(line.trim())) continue;
    out.push(line);
  }
  return out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** What a report gets from a message no MIME parser could read: its body as text, no attachments. */
export function rawTextContent(raw: Buffer, block: RawHeaderBlock): MimeContent {
  // Without one recognisable header field the whole message is body (binary junk, a pasted text).
  const start = block.headers.length === 0 ? 0 : block.bodyOffset;
  const body = decodeUnknownCharset(raw.subarray(start, start + RAW_TEXT_LIMIT_BYTES));
  const contentType = block.headers.find((h) => h.key === "content-type")?.value ?? "text/plain";
  return {
    text: block.headers.length === 0 ? body : readableRawBody(body),
    contentType: contentType.split(";")[0]?.trim().toLowerCase() || "text/plain",
    attachments: [],
    notStored: [],
    skippedParts: 0,
    partial: null,
    tnefFiles: [],
  };
}
