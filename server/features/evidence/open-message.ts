import { createHash } from "node:crypto";
import addressparser from "nodemailer/lib/addressparser/index.js";
import type { MessageSummary } from "../../../contract/evidence.js";
import type { AttachmentSink } from "../intake/mail/mime-reader.js";
import { parseInboundMail } from "../intake/mail/parse.js";

// An .eml file opened as the message it is, with intake's own mail parser (the same reading a mailed
// report gets: every charset, broken MIME, TNEF): who sent it to whom, its text, and its files — each
// hashed and listed as it streams past, none stored (the .eml itself is the evidence).

/** Messages are read whole into memory (the parser takes a buffer): only up to this size. */
export const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
const TEXT_SHOWN = 20_000;

export interface OpenedMessage {
  summary: MessageSummary;
  /** The header block and the whole body as text, for observables. */
  text: string;
}

/** A sink that hashes each part and keeps nothing. */
function hashingSink(): AttachmentSink {
  return async ({ filename, contentType, content }) => {
    const hash = createHash("sha256");
    let size = 0;
    for await (const chunk of content) {
      const bytes = chunk as Buffer;
      size += bytes.length;
      hash.update(bytes);
    }
    return { filename, contentType, size, sha256: hash.digest("hex") };
  };
}

function addresses(value: string | undefined): string[] {
  if (!value) return [];
  return addressparser(value, { flatten: true }).flatMap((a) => (a.address ? [a.address] : []));
}

/** Opens a raw message (never throws: bad MIME degrades to what could be read). */
export async function openMessage(raw: Buffer): Promise<OpenedMessage> {
  const mail = await parseInboundMail(raw, { storeAttachment: hashingSink() });
  const from = mail.from ? (mail.from.name ? `${mail.from.name} <${mail.from.address}>` : mail.from.address) : null;
  const headerText = Object.entries(mail.headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join("\n");
  return {
    summary: {
      subject: mail.subject,
      from,
      to: [...addresses(mail.headers.to), ...addresses(mail.headers.cc)],
      date: mail.headers.date ?? null,
      messageId: mail.messageId,
      headers: mail.headers,
      text: mail.text.slice(0, TEXT_SHOWN),
      textTruncated: mail.text.length > TEXT_SHOWN,
      attachments: mail.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        size: a.size,
        sha256: a.sha256,
      })),
      readLevel: mail.readLevel,
    },
    text: `${headerText}\n\n${mail.text}`,
  };
}
