import { Transform } from "node:stream";
import { decodeCharset } from "./charset-decoder.js";

// MS-OXTNEF: a stream of attributes (level, id, length, data, checksum) after a signature and a key.
const SIGNATURE = 0x223e9f78;
const ATT_ATTACH_REND_DATA = 0x00069002; // starts an attachment
const ATT_ATTACH_TITLE = 0x00018010; // its file name (8-bit, NUL-terminated)
const ATT_ATTACH_DATA = 0x0006800f; // its bytes
const MAX_TITLE_BYTES = 1024;
const MAX_FILES = 500;

/**
 * Lists the files inside a TNEF attachment (winmail.dat from Outlook) while it streams past: names and
 * sizes only, nothing is held but the current attribute header and a file name. Not TNEF → no files.
 */
export function tnefLister() {
  const files: { filename: string; size: number }[] = [];
  let head = Buffer.alloc(0); // bytes of a fixed-size header being collected
  let state: "signature" | "attribute" | "data" | "checksum" | "done" = "signature";
  let attribute = 0;
  let remaining = 0;
  let title: Buffer[] = [];
  let current: { filename: string; size: number } | null = null;

  const startData = () => {
    title = [];
    if (attribute === ATT_ATTACH_REND_DATA && files.length < MAX_FILES) {
      current = { filename: "", size: 0 };
      files.push(current);
    }
    if (attribute === ATT_ATTACH_DATA && current) current.size = remaining;
    state = remaining > 0 ? "data" : "checksum";
  };

  const write = (chunk: Buffer) => {
    let at = 0;
    while (at < chunk.length && state !== "done") {
      if (state === "data") {
        const take = Math.min(remaining, chunk.length - at);
        if (attribute === ATT_ATTACH_TITLE && title.reduce((n, b) => n + b.length, 0) < MAX_TITLE_BYTES)
          title.push(chunk.subarray(at, at + take));
        at += take;
        remaining -= take;
        if (remaining === 0) {
          if (attribute === ATT_ATTACH_TITLE && current) {
            const bytes = Buffer.concat(title).subarray(0, MAX_TITLE_BYTES);
            const end = bytes.indexOf(0);
            current.filename = decodeCharset(end === -1 ? bytes : bytes.subarray(0, end), "windows-1252");
          }
          state = "checksum";
        }
        continue;
      }
      const need = state === "signature" ? 6 : state === "attribute" ? 9 : 2;
      const take = Math.min(need - head.length, chunk.length - at);
      head = Buffer.concat([head, chunk.subarray(at, at + take)]);
      at += take;
      if (head.length < need) break;
      if (state === "signature") state = head.readUInt32LE(0) === SIGNATURE ? "attribute" : "done";
      else if (state === "attribute") {
        attribute = head.readUInt32LE(1);
        remaining = head.readUInt32LE(5);
        startData();
      } else state = "attribute";
      head = Buffer.alloc(0);
    }
  };

  return {
    write,
    /** A pass-through stream that lists the files of what flows through it. */
    tap: () =>
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          write(chunk);
          done(null, chunk);
        },
      }),
    files: () => files.map((f, i) => ({ filename: f.filename || `attachment-${i + 1}`, size: f.size })),
  };
}
