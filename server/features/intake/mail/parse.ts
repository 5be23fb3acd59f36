import addressparser from "nodemailer/lib/addressparser/index.js";
import { withoutControlCharacters as clean } from "./control-characters.js";
import {
  type AttachmentSink,
  type MailAttachment,
  type MimeContent,
  type NotStoredFile,
  readMime,
} from "./mime-reader.js";
import { rawTextContent } from "./raw-text.js";
import {
  type RawHeaderBlock,
  decodeHeaderValue,
  headerRecord,
  rawHeader,
  readRawHeaders,
  withBoundedHeaders,
} from "./raw-headers.js";

/** How much of a message could be read. */
export type ReadLevel = "full" | "partial" | "headers-rebuilt" | "raw-text";

/** What Fyr takes from one inbound message. */
export interface ParsedInboundMail {
  subject: string;
  from: { address: string; name: string } | null;
  /** Plain text: the text/plain parts, else the HTML converted to text (the HTML is kept as a file). */
  text: string;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** Top-level content type, lower case. */
  contentType: string;
  /** Lower-case header name → value, repeated fields joined by newlines (bounded). */
  headers: Record<string, string>;
  attachments: MailAttachment[];
  /** Files of the message that were not stored (over a size limit), with why. */
  notStored: NotStoredFile[];
  /**
   * "full"; "partial" (parts past the bound were skipped); "headers-rebuilt" (a bad header block was
   * cut); "raw-text" (no MIME could be read: the body as text).
   */
  readLevel: ReadLevel;
  /** Parts neither read nor stored (past the bound on parts). */
  skippedParts: number;
}

function angleId(value: string | null): string | null {
  const m = value?.match(/<[^<>\s]+>/);
  if (m) return m[0];
  const bare = value?.trim();
  return bare && !/\s/.test(bare) ? `<${bare}>` : null;
}

/** The first address of From, parsed from the raw bytes (so an encoded comma in a name cannot split it). */
function sender(block: RawHeaderBlock): { address: string; name: string } | null {
  const raw = block.headers.find((h) => h.key === "from")?.raw;
  if (!raw) return null;
  for (const entry of addressparser(raw, { flatten: true })) {
    const address = decodeHeaderValue(entry.address ?? "").trim();
    if (address.includes("@")) return { address, name: decodeHeaderValue(entry.name ?? "").trim() };
  }
  const m = /([^\s<>",;]+@[^\s<>",;]+)/.exec(rawHeader(block, "from") ?? "");
  return m?.[1] ? { address: m[1], name: "" } : null;
}

const sizeText = (n: number) => `${n.toLocaleString("en-US")} bytes`;

/** The report text, with a line per TNEF container naming the files inside it. */
function textWithTnef(content: MimeContent): string {
  const containers = new Map<string, string[]>();
  for (const f of content.tnefFiles) {
    const list = containers.get(f.container) ?? [];
    list.push(`${f.filename} (${sizeText(f.size)})`);
    containers.set(f.container, list);
  }
  const lines = [...containers].map(([container, files]) => `[${container}: ${files.join(", ")}]`);
  return [content.text, ...lines].filter(Boolean).join("\n\n");
}

/**
 * Parses one raw RFC 5322 message into what a report needs, streaming attachments to the sink.
 * Every header comes from the one header decoder (raw-headers.ts). Never throws for bad input: a
 * message the MIME splitter refuses is read again with a rebuilt header block, and failing that as
 * raw text (the caller keeps the raw message as evidence either way).
 */
export async function parseInboundMail(
  raw: Buffer,
  options: { storeAttachment: AttachmentSink },
): Promise<ParsedInboundMail> {
  const block = readRawHeaders(raw);
  let content: MimeContent;
  let readLevel: ReadLevel = "full";
  try {
    content = await readMime(raw, options.storeAttachment);
    const nothingRead = !content.text.trim() && content.attachments.length === 0 && block.headers.length === 0;
    if (nothingRead && raw.length > 0) {
      readLevel = "raw-text";
      content = rawTextContent(raw, block);
    }
  } catch {
    try {
      readLevel = "headers-rebuilt";
      content = await readMime(withBoundedHeaders(raw, block), options.storeAttachment);
    } catch {
      readLevel = "raw-text";
      content = rawTextContent(raw, block);
    }
  }
  if (readLevel === "full" && content.partial) readLevel = "partial";
  const from = sender(block);
  const headers = headerRecord(block);
  for (const key of Object.keys(headers)) headers[key] = clean(headers[key] ?? "");
  return {
    subject: clean(rawHeader(block, "subject") ?? "")
      .replace(/\s+/g, " ")
      .trim(),
    from: from && { address: clean(from.address), name: clean(from.name) },
    text: clean(textWithTnef(content)),
    messageId: angleId(rawHeader(block, "message-id")),
    inReplyTo: angleId(rawHeader(block, "in-reply-to")),
    references: (rawHeader(block, "references") ?? "").match(/<[^<>\s]+>/g) ?? [],
    contentType: content.contentType,
    headers,
    attachments: content.attachments,
    notStored: content.notStored.map((f) => ({ ...f, filename: clean(f.filename) })),
    readLevel,
    skippedParts: content.skippedParts,
  };
}
