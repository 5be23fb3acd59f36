import type { Readable } from "node:stream";
import { type AddressObject, type Headers, MailParser, type MailParserOptions } from "mailparser";
import { TextPartDecoder } from "./charset-decoder.js";
import { withoutControlCharacters } from "./control-characters.js";

/** A file kept from a message, already in the blob store. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  sha256: string;
  size: number;
}

/** Where a parser sends each attachment's bytes; returns the stored file, or null when not kept. */
export type AttachmentSink = (attachment: {
  filename: string;
  contentType: string;
  content: Readable;
}) => Promise<MailAttachment | null>;

/** What the MIME parser could read from a message. */
export interface MimeContent {
  subject: string;
  from: { address: string; name: string } | null;
  text: string;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  contentType: string;
  attachments: MailAttachment[];
}

// A parser that never finishes must not hold a mailbox: give up and fall back after this long.
const PARSE_TIMEOUT_MS = 60_000;

const parserOptions: MailParserOptions = {
  skipTextToHtml: true,
  skipImageLinks: true,
  skipTextLinks: true,
  Iconv: TextPartDecoder as unknown as MailParserOptions["Iconv"],
};

function firstAddress(value: AddressObject | undefined): { address: string; name: string } | null {
  const entries = value?.value ?? [];
  for (const entry of entries) {
    const candidates = entry.group ?? [entry];
    for (const c of candidates) {
      if (c.address && c.address.includes("@")) return { address: c.address.trim(), name: c.name.trim() };
    }
  }
  return null;
}

function headerString(headers: Headers, key: string): string | null {
  const v = headers.get(key);
  if (typeof v === "string") return v.trim() || null;
  if (Array.isArray(v) && typeof v[0] === "string") return v.join(" ").trim() || null;
  return null;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const UNSAFE_IN_FILENAME = /[\u0000-\u001f\u007f/\\]+/g;

function safeFilename(name: string | undefined, index: number): string {
  const cleaned = (name ?? "").replace(UNSAFE_IN_FILENAME, "_").trim().slice(0, 200);
  return cleaned || `attachment-${index}`;
}

function contentTypeOf(headers: Headers): string {
  const ct = headers.get("content-type");
  if (ct && typeof ct === "object" && "value" in ct && typeof ct.value === "string") return ct.value.toLowerCase();
  return "text/plain";
}

/** Runs mailparser over one message, streaming each attachment to the sink; rejects on a MIME error. */
export function readMime(raw: Buffer, sink: AttachmentSink): Promise<MimeContent> {
  return new Promise((resolve, reject) => {
    const parser = new MailParser(parserOptions);
    let headers: Headers = new Map();
    let text = "";
    const attachments: MailAttachment[] = [];
    const pending: Promise<void>[] = [];
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      parser.destroy();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    const timer = setTimeout(() => fail(new Error("mail parsing timed out")), PARSE_TIMEOUT_MS);

    parser.on("headers", (h: Headers) => {
      headers = h;
    });
    parser.on("data", (data) => {
      if (data.type === "text") {
        text = typeof data.text === "string" ? data.text : "";
        return;
      }
      const index = attachments.length + pending.length + 1;
      const stored = sink({
        filename: safeFilename(data.filename, index),
        contentType: withoutControlCharacters(data.contentType || "application/octet-stream").toLowerCase(),
        content: data.content as Readable,
      })
        .then((a) => {
          if (a) attachments.push(a);
        })
        .catch((err: unknown) => fail(err))
        // mailparser waits for release() before it reads on, whatever became of this part.
        .finally(() => data.release());
      pending.push(stored);
    });
    parser.on("error", fail);
    parser.on("end", () => {
      void Promise.all(pending).then(() => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const refs = headers.get("references");
        resolve({
          subject: headerString(headers, "subject") ?? "",
          from: firstAddress(headers.get("from") as AddressObject | undefined),
          text,
          messageId: headerString(headers, "message-id"),
          inReplyTo: headerString(headers, "in-reply-to"),
          references:
            typeof refs === "string" ? refs.split(/\s+/).filter(Boolean) : Array.isArray(refs) ? refs.map(String) : [],
          contentType: contentTypeOf(headers),
          attachments,
        });
      });
    });
    parser.end(raw);
  });
}
