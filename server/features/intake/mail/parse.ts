import { decodeUnknownCharset } from "./charset-decoder.js";
import { withoutControlCharacters as clean } from "./control-characters.js";
import { type AttachmentSink, type MailAttachment, type MimeContent, readMime } from "./mime-reader.js";
import { headerRecord, rawHeader, readRawHeaders, withBoundedHeaders } from "./raw-headers.js";

/** What Fyr takes from one inbound message. */
export interface ParsedInboundMail {
  subject: string;
  from: { address: string; name: string } | null;
  /** Plain text: the text/plain part, else the HTML converted to text (HTML itself is never kept). */
  text: string;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** Top-level content type, lower case. */
  contentType: string;
  /** Lower-case header name → value, repeated fields joined by newlines (bounded). */
  headers: Record<string, string>;
  attachments: MailAttachment[];
  /** How much of the message could be read: "full", "headers-rebuilt" (a bad header block was cut), or "raw-text". */
  readLevel: "full" | "headers-rebuilt" | "raw-text";
}

// What a report's text may hold when nothing better could be read: the start of the body.
const RAW_TEXT_LIMIT_BYTES = 1_000_000;

function angleId(value: string | null): string | null {
  const m = value?.match(/<[^<>\s]+>/);
  if (m) return m[0];
  const bare = value?.trim();
  return bare && !/\s/.test(bare) ? `<${bare}>` : null;
}

function fromRawHeader(value: string | null): { address: string; name: string } | null {
  if (!value) return null;
  const m = value.match(/<([^<>\s]+@[^<>\s]+)>/) ?? value.match(/([^\s<>",;]+@[^\s<>",;]+)/);
  const address = m?.[1];
  if (!address) return null;
  const name = value
    .replace(/<[^>]*>/, "")
    .replace(address, "")
    .replace(/["()]/g, "")
    .trim();
  return { address, name };
}

function rawTextContent(raw: Buffer): MimeContent {
  const block = readRawHeaders(raw);
  // Without one recognisable header field the whole message is body (binary junk, a pasted text).
  const start = block.headers.length === 0 ? 0 : block.bodyOffset;
  const body = raw.subarray(start, start + RAW_TEXT_LIMIT_BYTES);
  return {
    subject: rawHeader(block, "subject") ?? "",
    from: fromRawHeader(rawHeader(block, "from")),
    text: decodeUnknownCharset(body),
    messageId: rawHeader(block, "message-id"),
    inReplyTo: rawHeader(block, "in-reply-to"),
    references: (rawHeader(block, "references") ?? "").split(/\s+/).filter(Boolean),
    contentType: (rawHeader(block, "content-type") ?? "text/plain").split(";")[0]?.trim().toLowerCase() ?? "text/plain",
    attachments: [],
  };
}

/**
 * Parses one raw RFC 5322 message into what a report needs, streaming attachments to the sink.
 * Never throws for bad input: a message the MIME parser refuses is read again with a rebuilt header
 * block, and failing that as raw text (the caller keeps the raw message as evidence either way).
 */
export async function parseInboundMail(
  raw: Buffer,
  options: { storeAttachment: AttachmentSink },
): Promise<ParsedInboundMail> {
  const block = readRawHeaders(raw);
  let content: MimeContent;
  let readLevel: ParsedInboundMail["readLevel"] = "full";
  try {
    content = await readMime(raw, options.storeAttachment);
    const nothingRead = !content.text.trim() && content.attachments.length === 0 && !content.subject && !content.from;
    if (nothingRead && raw.length > 0) {
      readLevel = "raw-text";
      content = rawTextContent(raw);
    }
  } catch {
    try {
      readLevel = "headers-rebuilt";
      content = await readMime(withBoundedHeaders(raw, block), options.storeAttachment);
    } catch {
      readLevel = "raw-text";
      content = rawTextContent(raw);
    }
  }
  const from = content.from ?? fromRawHeader(rawHeader(block, "from"));
  const headers = headerRecord(block);
  for (const key of Object.keys(headers)) headers[key] = clean(headers[key] ?? "");
  return {
    subject: clean(content.subject).replace(/\s+/g, " ").trim(),
    from: from && { address: clean(from.address), name: clean(from.name) },
    text: clean(content.text),
    messageId: angleId(content.messageId),
    inReplyTo: angleId(content.inReplyTo),
    references: content.references.map(angleId).filter((r): r is string => r !== null),
    contentType: content.contentType,
    headers,
    attachments: content.attachments,
    readLevel,
  };
}
