import { createHash } from "node:crypto";
import { readRawHeaders } from "./raw-headers.js";

// What makes two deliveries "the same message": the body and the fields its author wrote. Trace fields
// a relay or mailbox adds (Received, Return-Path, Delivered-To, Authentication-Results, X-Spam-…) are
// left out, and line ends are normalised, so the copy fetched by IMAP after the SMTP one still matches.
const AUTHOR_FIELDS = [
  "from",
  "sender",
  "to",
  "cc",
  "subject",
  "date",
  "message-id",
  "in-reply-to",
  "references",
  "mime-version",
  "content-type",
  "content-transfer-encoding",
];

/** SHA-256 (hex) of a message's author-written content. */
export function mailContentSha256(raw: Buffer): string {
  const block = readRawHeaders(raw);
  const hash = createHash("sha256");
  for (const key of AUTHOR_FIELDS) {
    for (const h of block.headers) if (h.key === key) hash.update(`${key}:${h.value.replace(/\s+/g, " ").trim()}\n`);
  }
  hash.update("\n");
  const body = raw.subarray(block.bodyOffset).toString("latin1").replace(/\r\n/g, "\n").replace(/\s+$/, "");
  hash.update(body, "latin1");
  return hash.digest("hex");
}
