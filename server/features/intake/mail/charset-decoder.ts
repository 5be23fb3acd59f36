import iconv from "iconv-lite";

// Node's TextDecoder("windows-1252") decodes as Latin-1 on Node 20 and 22, turning curly quotes, dashes
// and € into C1 controls; every legacy charset therefore goes through iconv-lite (what mailparser uses).
const utf8 = new TextDecoder("utf-8", { fatal: true });
const utf8Lenient = new TextDecoder("utf-8");

// WHATWG Encoding: these labels all mean windows-1252, as every mail client reads them.
const WINDOWS_1252 = new Set([
  "windows-1252",
  "cp1252",
  "x-cp1252",
  "iso-8859-1",
  "iso8859-1",
  "iso_8859-1",
  "iso_8859-1:1987",
  "iso-ir-100",
  "latin1",
  "latin-1",
  "l1",
  "cp819",
  "ibm819",
  "csisolatin1",
]);
// Labels that promise 7-bit text; 8-bit bytes under them are sniffed like an unknown charset.
const ASCII = new Set(["us-ascii", "ascii", "us", "iso646-us", "ansi_x3.4-1968", "csascii", "646", "default"]);
const UTF7 = new Set(["utf-7", "utf7", "unicode-1-1-utf-7", "csunicode11utf7", "x-unicode-2-0-utf-7"]);
const UTF8 = new Set(["utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8"]);

const isAscii = (bytes: Uint8Array) => bytes.every((b) => b < 0x80);

function windows1252(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "windows-1252");
}

/** Decodes bytes whose charset is unknown or undeclared: UTF-8 when they are valid UTF-8, else Windows-1252. */
export function decodeUnknownCharset(bytes: Uint8Array): string {
  if (isAscii(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  try {
    return utf8.decode(bytes);
  } catch {
    // Windows-1252 maps every byte, so nothing is lost and Western European mail reads right.
    return windows1252(bytes);
  }
}

// A UTF-8 lead byte followed by a continuation byte: text that is UTF-8 with a few broken bytes.
const UTF8_SEQUENCE = /[\xc2-\xf4][\x80-\xbf]/;

function decodeDeclaredUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    // Latin-1 text mislabelled as UTF-8 (some webmail does this) holds no UTF-8 sequence at all.
    const latin = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
    return UTF8_SEQUENCE.test(latin) ? utf8Lenient.decode(bytes) : windows1252(bytes);
  }
}

/** The charset label as mail writes it, normalised: lower case, no quotes, no RFC 2231 language. */
export function normaliseCharset(label: string | null | undefined): string {
  const [name = ""] = (label ?? "").split("*");
  return name
    .trim()
    .replace(/^["']|["']$/g, "")
    .toLowerCase();
}

/** Decodes a text part or header word in its declared charset, the way mail clients do. */
export function decodeCharset(bytes: Uint8Array, declared: string | null | undefined): string {
  const label = normaliseCharset(declared);
  if (!label || ASCII.has(label)) return decodeUnknownCharset(bytes);
  if (UTF8.has(label)) return decodeDeclaredUtf8(bytes);
  if (WINDOWS_1252.has(label)) return windows1252(bytes);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (UTF7.has(label)) return iconv.decode(buffer, "utf7");
  if (iconv.encodingExists(label)) return iconv.decode(buffer, label);
  // A charset nobody knows: sniff instead of printing replacement characters.
  return decodeUnknownCharset(bytes);
}
