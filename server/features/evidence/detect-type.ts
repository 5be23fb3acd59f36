import { fileTypeFromBuffer } from "file-type";

// What a file is, from its bytes: the sender's name and declared type are claims, and a CERT receives
// files whose claims lie (invoice.pdf that is a Windows program). Magic bytes through `file-type`; what
// it does not recognise is sniffed for text (plain, mail, HTML, XML).

/** How much of the start of a file is read to identify it. */
export const HEAD_BYTES = 256 * 1024;

export interface ContentType {
  mime: string | null;
  ext: string | null;
  textLike: boolean;
  executable: boolean;
}

// Programs and things that run: the formats file-type knows whose arrival calls for care.
const EXECUTABLE = new Set(["exe", "elf", "macho", "class", "apk", "swf", "wasm", "lnk", "crx", "xpi", "deb", "rpm"]);
// Formats file-type knows by their first bytes that are text all the same (read for observables).
const TEXTUAL = new Set(["xml", "rtf", "ics", "vcf", "vtt", "ps", "eps"]);
// An RFC 5322 header block: these names show it is mail and not any "Key: value" text.
const MAIL_HEADERS =
  /^(from|to|cc|subject|date|message-id|received|return-path|mime-version|delivered-to|reply-to|in-reply-to|references|x-mailer|dkim-signature|authentication-results|content-type):/i;

/** Identifies content from its first bytes (up to HEAD_BYTES). */
export async function detectContent(head: Uint8Array): Promise<ContentType> {
  const magic = await fileTypeFromBuffer(head).catch(() => undefined);
  if (magic)
    return {
      mime: magic.mime,
      ext: magic.ext,
      textLike: TEXTUAL.has(magic.ext),
      executable: EXECUTABLE.has(magic.ext),
    };
  const text = asText(head);
  if (text === null) return { mime: null, ext: null, textLike: false, executable: false };
  return { ...textKind(text), textLike: true, executable: false };
}

/** The head as text, or null when it holds bytes no text holds (NUL, most control characters). */
function asText(head: Uint8Array): string | null {
  if (head.length === 0) return null;
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return null;
    if (byte < 9 || (byte > 13 && byte < 32 && byte !== 27)) control++;
  }
  if (control > head.length / 100) return null;
  // Windows-1252 and other 8-bit text pass too: bytes are read as Latin-1 where UTF-8 fails.
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
  } catch {
    return Buffer.from(head).toString("latin1");
  }
}

function textKind(text: string): { mime: string; ext: string } {
  const start = text.replace(/^\uFEFF/, "").trimStart();
  if (isMail(start)) return { mime: "message/rfc822", ext: "eml" };
  if (/^(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(start)) return { mime: "text/html", ext: "html" };
  if (/^<\?xml[\s?]/.test(start)) return { mime: "application/xml", ext: "xml" };
  return { mime: "text/plain", ext: "txt" };
}

/** A message: an mbox "From " line at most, then a header block with at least two mail headers. */
function isMail(text: string): boolean {
  const lines = text.split(/\r?\n/);
  let i = lines[0]?.startsWith("From ") ? 1 : 0;
  let known = 0;
  for (; i < lines.length && i < 200; i++) {
    const line = lines[i] ?? "";
    if (line === "") break;
    if (/^[ \t]/.test(line)) continue;
    if (!/^[!-9;-~]+:/.test(line)) return false;
    if (MAIL_HEADERS.test(line)) known++;
  }
  return known >= 2;
}

// Names one content type goes by. A name in the same group as the detected type is no mismatch.
const SAME = [
  ["jpg", "jpeg", "jpe", "jfif"],
  ["tif", "tiff"],
  ["htm", "html", "xhtml", "hta"],
  ["exe", "dll", "scr", "sys", "com", "cpl", "ocx", "efi", "drv", "mui", "pif"],
  ["elf", "so", "o", "bin", "ko", "out"],
  ["macho", "dylib", "bundle"],
  ["zip", "docx", "xlsx", "pptx", "docm", "xlsm", "pptm", "dotx", "jar", "apk", "epub", "odt", "ods", "odp"],
  ["zip", "xpi", "crx", "vsix", "nupkg", "whl", "ipa", "kmz", "3mf", "vsdx", "appx", "msix"],
  ["cfb", "doc", "xls", "ppt", "msg", "msi", "pub", "vsd", "dot", "xlt", "mpp"],
  ["gz", "tgz", "gzip"],
  ["mp4", "m4v", "m4a", "mov", "3gp"],
  ["xml", "svg", "xsd", "xsl", "rss", "plist", "kml", "config", "manifest", "xaml", "csproj"],
  ["pcap", "cap", "dmp"],
  ["eml", "msg", "mbox", "txt"],
  ["ps", "eps"],
  ["ai", "pdf"],
  ["ics", "ical"],
];
const TEXT_NAMES = new Set(
  (
    "txt log csv tsv json ndjson md markdown yml yaml ini cfg conf toml xml html htm eml mbox ics vcf " +
    "js mjs ts ps1 psm1 psd1 vbs vbe bat cmd sh bash zsh py pl rb php asp aspx jsp lua sql reg inf " +
    "hta wsf sct url rtf css svg mhtml mht srt vtt pem crt cer key asc sig diff patch"
  ).split(" "),
);

function sameType(nameExt: string, detectedExt: string): boolean {
  if (nameExt === detectedExt) return true;
  return SAME.some((group) => group.includes(nameExt) && group.includes(detectedExt));
}

/** The name's extension, lower case, or "" (no dot, or a dot file). */
export function extensionOf(filename: string): string {
  const base = filename.split(/[/\\]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

const GENERIC_TYPES = new Set(["", "application/octet-stream", "binary/octet-stream", "application/x-download"]);

/**
 * Whether the content is other than the file claims to be: by its name's extension, or without one by
 * its declared type. Unknown content claims nothing either way (no mismatch).
 */
export function contentMismatch(filename: string, declaredType: string, detected: ContentType): boolean {
  if (detected.mime === null || detected.ext === null) return false;
  const nameExt = extensionOf(filename);
  if (nameExt !== "") {
    // Text may go by any text name; a binary format's name on text is the lie (a script called .pdf).
    if (detected.textLike) return !TEXT_NAMES.has(nameExt) && !sameType(nameExt, detected.ext);
    return !sameType(nameExt, detected.ext);
  }
  const declared = declaredType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (GENERIC_TYPES.has(declared)) return false;
  if (detected.executable) return true;
  if (detected.textLike) return !declared.startsWith("text/") && declared !== detected.mime;
  return declared.split("/")[0] !== detected.mime.split("/")[0];
}
