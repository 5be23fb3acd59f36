import { once } from "node:events";
import { Readable, type Transform } from "node:stream";
import { Splitter } from "@zone-eu/mailsplit";
import { decodeCharset } from "./charset-decoder.js";
import { withoutControlCharacters } from "./control-characters.js";
import { parseStructuredHeader } from "./header-params.js";
import { type BodyPart, chooseBody, htmlAsText, sanitisedHtml } from "./mime-body.js";
import { readHeaderLines } from "./raw-headers.js";
import { tnefLister } from "./tnef.js";

/** A file kept from a message, already in the blob store. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  sha256: string;
  size: number;
}

/** Why a file of the message was not stored (the raw message still holds it). */
export type NotStoredReason = "file_too_large" | "report_too_large";

/** A file left out of the report, named so the report and the receipt can say so. */
export interface NotStoredFile {
  filename: string;
  contentType: string;
  /** Its decoded size in bytes. */
  size: number;
  reason: NotStoredReason;
}

/** What a sink answers: the stored file, a refusal with its reason, or null (not kept, nothing to say). */
export type SinkOutcome = MailAttachment | { notStored: NotStoredReason; size: number } | null;

/** Where a parser sends each attachment's bytes. */
export type AttachmentSink = (attachment: {
  filename: string;
  contentType: string;
  content: Readable;
}) => Promise<SinkOutcome>;

/** What the MIME walk read from a message's body. */
export interface MimeContent {
  text: string;
  contentType: string;
  attachments: MailAttachment[];
  notStored: NotStoredFile[];
  /** Parts past MAX_PARTS, neither read nor stored (the message is then only partly read). */
  skippedParts: number;
  /** Why the message was only partly read, or null when all of it was. */
  partial: "too_many_parts" | "too_deep" | null;
  /** Files inside TNEF (winmail.dat) attachments: name and size, for the report text. */
  tnefFiles: { container: string; filename: string; size: number }[];
}

// A parser that never finishes must not hold a mailbox: give up and fall back after this long.
const PARSE_TIMEOUT_MS = 60_000;
/**
 * The clear bounds on a message's shape: its first 10,000 leaf parts are read and stored (the rest are
 * counted), and parts nest at most 100 levels deep (real mail nests a dozen; the splitter holds every
 * open level, about 40 KB each, so 10,000 levels would cost half a gigabyte). Past either bound the
 * report says the message was only partly read; the raw message holds all of it.
 */
export const MAX_PARTS = 10_000;
export const MAX_DEPTH = 100;
// Body text read per message (more than any report holds; the raw message keeps the rest).
const TEXT_LIMIT_BYTES = 4_000_000;
const MAX_NOT_STORED = 100;
const BODY_TYPES = new Set(["text/plain", "text/html", "message/delivery-status", "text/rfc822-headers"]);

// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const UNSAFE_IN_FILENAME = /[\u0000-\u001f\u007f-\u009f/\\]+/g;

function safeFilename(name: string | undefined, fallback: string): string {
  const cleaned = (name ?? "").replace(UNSAFE_IN_FILENAME, "_").trim().slice(0, 200);
  return cleaned || fallback;
}

const EXTENSIONS: Record<string, string> = {
  "message/rfc822": "eml",
  "text/calendar": "ics",
  "application/ms-tnef": "dat",
  "application/pkcs7-signature": "p7s",
  "application/x-pkcs7-signature": "p7s",
  "application/pkcs7-mime": "p7m",
  "application/pgp-signature": "asc",
  "text/plain": "txt",
  "text/html": "html",
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "application/pdf": "pdf",
};

/** One leaf part: how it is described and whether it is body text or a file. */
function describe(header: Buffer, index: number) {
  const lines = readHeaderLines(header);
  const raw = (key: string) => lines.find((h) => h.key === key)?.raw ?? "";
  const type = parseStructuredHeader(raw("content-type"));
  const disposition = parseStructuredHeader(raw("content-disposition"));
  const contentType = withoutControlCharacters(type.value || "text/plain");
  const name = disposition.params.filename ?? type.params.name;
  const isBody = BODY_TYPES.has(contentType) && disposition.value !== "attachment" && !name;
  const stem =
    contentType === "message/rfc822" ? "forwarded-message" : contentType === "text/calendar" ? "invite" : "attachment";
  const fallback = `${stem}-${index}.${EXTENSIONS[contentType] ?? "bin"}`;
  return {
    contentType,
    charset: type.params.charset ?? null,
    flowed: (type.params.format ?? "").toLowerCase() === "flowed",
    delSp: (type.params.delsp ?? "").toLowerCase() === "yes",
    isBody,
    filename: safeFilename(name, safeFilename(fallback, `attachment-${index}.bin`)),
  };
}

type SplitterNode = {
  type: "node";
  root: boolean;
  parentNode: SplitterNode | false;
  multipart: string | false;
  contentType: string | false;
  getHeaders(): Buffer;
  getDecoder(): Transform;
};
type SplitterChunk = SplitterNode | { type: "body" | "data"; node: SplitterNode; value: Buffer };

/** A leaf being read: body text collected in memory (bounded), or a file streamed to the sink. */
interface OpenLeaf {
  node: SplitterNode;
  decoder: Transform;
  /** Settles when the sink is done with the part (or failed): a write waiting for drain gives up then. */
  settled: Promise<unknown>;
  finish: () => Promise<void>;
}

/**
 * Walks one message with a streaming MIME splitter (no cap on nodes beyond MAX_PARTS, which is counted,
 * not fatal): body text parts are decoded (iconv-lite charsets, format=flowed), each attachment is
 * streamed to the sink with backpressure, and every HTML body is converted to text and also kept,
 * sanitised, as a file. Rejects on a MIME error (the caller falls back) or when the sink throws.
 */
export async function readMime(raw: Buffer, sink: AttachmentSink): Promise<MimeContent> {
  const splitter = new Splitter({ ignoreEmbedded: true, maxChildNodes: Number.MAX_SAFE_INTEGER });
  const result: MimeContent = {
    text: "",
    contentType: "text/plain",
    attachments: [],
    notStored: [],
    skippedParts: 0,
    partial: null,
    tnefFiles: [],
  };
  const depths = new WeakMap<object, number>();
  const bodies: BodyPart[] = [];
  const alternatives = new WeakMap<object, BodyPart["path"]>();
  let textBytes = 0;
  let leaves = 0;
  let open: OpenLeaf | null = null;

  const store = async (filename: string, contentType: string, content: Readable) => {
    const outcome = await sink({ filename, contentType, content });
    content.resume(); // whatever the sink left unread must not hold the walk
    if (outcome && "notStored" in outcome) {
      if (result.notStored.length < MAX_NOT_STORED)
        result.notStored.push({ filename, contentType, size: outcome.size, reason: outcome.notStored });
    } else if (outcome) result.attachments.push(outcome);
  };

  const openLeaf = (node: SplitterNode): OpenLeaf | null => {
    const parent = node.parentNode;
    const parentPath = parent ? (alternatives.get(parent) ?? []) : [];
    const path =
      parent && parent.multipart === "alternative" ? [...parentPath, { alt: parent, branch: node }] : parentPath;
    alternatives.set(node, path);
    const depth = parent ? (depths.get(parent) ?? 0) + 1 : 0;
    depths.set(node, depth);
    if (node.multipart) {
      if (node.root) result.contentType = withoutControlCharacters(String(node.contentType || "multipart/mixed"));
      return null;
    }
    leaves++;
    if (leaves > MAX_PARTS) {
      result.skippedParts++;
      result.partial = "too_many_parts";
      return null;
    }
    const part = describe(node.getHeaders(), leaves);
    if (node.root) result.contentType = part.contentType;
    const decoder = node.getDecoder();
    if (part.isBody) {
      const chunks: Buffer[] = [];
      decoder.on("data", (chunk: Buffer) => {
        if (textBytes >= TEXT_LIMIT_BYTES) return;
        chunks.push(chunk);
        textBytes += chunk.length;
      });
      const ended = once(decoder, "end");
      return {
        node,
        decoder,
        settled: ended,
        finish: async () => {
          await ended;
          bodies.push({
            kind: part.contentType === "text/html" ? "html" : "plain",
            text: decodeCharset(Buffer.concat(chunks), part.charset),
            flowed: part.flowed,
            delSp: part.delSp,
            path,
          });
        },
      };
    }
    const tnef = part.contentType === "application/ms-tnef" || /^winmail\.dat$/i.test(part.filename);
    const lister = tnef ? tnefLister() : null;
    const stored = store(part.filename, part.contentType, lister ? decoder.pipe(lister.tap()) : decoder);
    stored.catch(() => undefined); // awaited in finish(); a failure must not surface as unhandled first
    return {
      node,
      decoder,
      settled: stored,
      finish: async () => {
        await stored;
        for (const f of lister?.files() ?? []) result.tnefFiles.push({ container: part.filename, ...f });
      },
    };
  };

  const closeLeaf = async () => {
    if (!open) return;
    const leaf = open;
    open = null;
    leaf.decoder.end();
    await leaf.finish();
  };

  const walk = async () => {
    splitter.end(raw);
    for await (const chunk of splitter as AsyncIterable<SplitterChunk>) {
      if (chunk.type === "node") {
        await closeLeaf();
        if (chunk.parentNode && (depths.get(chunk.parentNode) ?? 0) >= MAX_DEPTH) {
          // Stop here: what lies deeper (and after) stays in the raw message only.
          result.partial = "too_deep";
          result.skippedParts++;
          break;
        }
        open = openLeaf(chunk);
      } else if (open && chunk.type === "body" && chunk.node === open.node) {
        if (!open.decoder.write(chunk.value)) await Promise.race([once(open.decoder, "drain"), open.settled]);
      } else if (chunk.node !== open?.node) await closeLeaf();
    }
    await closeLeaf();
  };

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error("mail parsing timed out")), PARSE_TIMEOUT_MS);
  });
  try {
    await Promise.race([walk(), timeout]);
  } finally {
    clearTimeout(timer);
    splitter.destroy();
  }

  for (const body of bodies.filter((b) => b.kind === "html")) {
    const html = sanitisedHtml(body.text);
    const n = bodies.filter((b) => b.kind === "html").indexOf(body) + 1;
    await store(
      n === 1 ? "message.html" : `message-${n}.html`,
      "text/html",
      Readable.from([Buffer.from(html, "utf8")]),
    );
    body.text = htmlAsText(body.text);
  }
  result.text = chooseBody(bodies);
  return result;
}
