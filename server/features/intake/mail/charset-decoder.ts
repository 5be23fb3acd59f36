import { Transform, type TransformCallback } from "node:stream";

const utf8 = new TextDecoder("utf-8", { fatal: true });
const windows1252 = new TextDecoder("windows-1252");

/** Decodes bytes whose declared charset is unknown: UTF-8 when they are valid UTF-8, else Windows-1252. */
export function decodeUnknownCharset(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    // Windows-1252 maps every byte, so nothing is lost and Western European mail reads right.
    return windows1252.decode(bytes);
  }
}

function knownDecoder(charset: string): TextDecoder | null {
  try {
    return new TextDecoder(charset.trim().toLowerCase());
  } catch {
    return null;
  }
}

/**
 * A text-part decoder for mailparser's `Iconv` option (constructed as `new Iconv(from, to)`): decodes
 * any WHATWG charset, and sniffs UTF-8 / Windows-1252 for charsets nobody knows instead of
 * producing replacement characters.
 */
export class TextPartDecoder extends Transform {
  private readonly chunks: Buffer[] = [];

  constructor(private readonly charset: string) {
    super();
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, done: TransformCallback): void {
    // Text parts are held whole by mailparser anyway; decoding at the end keeps multi-byte sequences intact.
    this.chunks.push(typeof chunk === "string" ? Buffer.from(chunk, "binary") : chunk);
    done();
  }

  override _flush(done: TransformCallback): void {
    const bytes = Buffer.concat(this.chunks);
    const decoder = knownDecoder(this.charset);
    const text = decoder ? decoder.decode(bytes) : decodeUnknownCharset(bytes);
    done(null, Buffer.from(text, "utf8"));
  }
}
