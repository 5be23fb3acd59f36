import { parse as parseSuffix } from "tldts";
import type { TypedValue } from "../../../../contract/observables.js";

// File names: a name whose last part is a known file extension. Most extensions are no top-level
// domain (`invoice.pdf.exe`, `payload.dll`), so such a name is a file; some are (`.zip`, `.md`, `.sh`,
// `.one`), and there a bare two-part name is read as a file when it looks like one (`README.md`,
// `setup.py`, `Invoice_Details.one`) and as a domain otherwise. Defanged, or as a URL's host or an
// e-mail's domain, such a name is a domain: the writer said so.

const EXTENSIONS = // Programs, scripts and libraries
  (
    "exe dll sys scr cpl ocx drv msi msp msu bat cmd ps1 psm1 psd1 vbs vbe js jse mjs wsf wsh hta lnk pif scf " +
    "jar apk ipa dmg pkg deb rpm elf bin so dylib ko dex class war chm xll appx msix crx xpi whl gadget " +
    "php phtml asp aspx ashx jsp jspx cgi pl pm py pyc rb rs cc lua sh bash ps1xml java one " +
    // Documents and mail
    "doc docx docm dot dotm xls xlsx xlsm xlsb xlam ppt pptx pptm ppsx rtf pdf odt ods odp txt csv log " +
    "json xml html htm xhtml mht mhtml svg eml msg pst ost md " +
    // Configuration, keys and data
    "yml yaml toml ini cfg conf inf reg tmp dat db sqlite sql bak old key pem crt cer der p12 pfx ovpn kdbx " +
    "plist evtx pcap pcapng dmp ai ml sc tf pub do " +
    // Archives and disk images
    "zip rar 7z gz tgz tar bz2 xz zst cab arj ace lzh iso img vhd vhdx vmdk ova " +
    // Pictures, sound and film
    "png jpg jpeg gif bmp ico webp tif tiff mp3 mp4 avi mkv wav mov"
  ).split(" ");
export const FILE_EXTENSIONS: ReadonlySet<string> = new Set(EXTENSIONS);

/** Extensions that are also top-level domains (`.zip`, `.sh`, `.one`…), from the public suffix list. */
const TLD_EXTENSIONS: ReadonlySet<string> = new Set(
  EXTENSIONS.filter((ext) => parseSuffix(`a.${ext}`, { allowPrivateDomains: false }).isIcann === true),
);
/** Of those, the ones a bare name in running text is a file with almost always. */
const ALWAYS_FILES = new Set(["md", "py", "sh", "ps", "pm", "mov", "zip", "java"]);
const FILE_STEMS = new Set(
  (
    "readme license changelog index main setup install config test tests lib mod app script run build update " +
    "start init payload exploit loader dropper stager invoice document archive backup data file download " +
    "report faktura dokument kvitto bild video sample poc server client utils"
  ).split(" "),
);
/** Framework and product names written like files or domains (`Node.js`, `ASP.NET`). */
const PRODUCT_NAMES = new Set(
  (
    "node.js vue.js next.js nuxt.js three.js d3.js chart.js express.js react.js angular.js ember.js " +
    "backbone.js deno.js asp.net vb.net ado.net socket.io"
  ).split(" "),
);

/** No separator or character Windows refuses; single spaces inside ("Faktura mars.pdf"). */
const VALID_NAME = /^(?! )(?:[^\\/:*?"<>|\s]| (?=\S)){1,255}$/;
const HAS_WORD = /[\p{L}\p{N}]/u;

/** The extension of a name (after its last dot), lower-cased; "" without one. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
}

/** True when the name ends in an extension that is also a top-level domain. */
export function hasDomainLikeExtension(name: string): boolean {
  return TLD_EXTENSIONS.has(extensionOf(name));
}

/** A product or framework name (`Node.js`, `Socket.IO`): neither a file nor a domain in prose. */
export function isProductName(name: string): boolean {
  return name.length <= 12 && PRODUCT_NAMES.has(name.toLowerCase());
}

/** True when a bare two-part name with a domain-like extension reads as a file (`README.md`, `setupTool.pl`). */
export function looksLikeFileName(name: string): boolean {
  const dot = name.lastIndexOf(".");
  const stem = name.slice(0, dot);
  const ext = name.slice(dot + 1).toLowerCase();
  if (!TLD_EXTENSIONS.has(ext) || stem.includes(".")) return false;
  if (ALWAYS_FILES.has(ext)) return true;
  // camelCase or SHOUTING stems (setupTool.pl, README.rs, Invoice_Details.one) are how files are named, not hosts.
  return FILE_STEMS.has(stem.toLowerCase()) || /^.+[A-Z]/.test(stem);
}

/** A file name as written, when its extension is a known one and it could name a file; else null. */
export function parseFileName(text: string): TypedValue | null {
  const dot = text.lastIndexOf(".");
  if (dot <= 0 || dot === text.length - 1 || !FILE_EXTENSIONS.has(text.slice(dot + 1).toLowerCase())) return null;
  if (!VALID_NAME.test(text) || !HAS_WORD.test(text.slice(0, dot)) || isProductName(text)) return null;
  return { type: "filename", value: text };
}
