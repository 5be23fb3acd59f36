import { loadOpenPgp } from "../../../platform/openpgp.js";
import { readMime } from "./mime-reader.js";
import { type PgpKeyring, type SignatureStatus, signatureStatus } from "./pgp-keyring.js";
import { type RawHeaderBlock, rawHeader, readRawHeaders } from "./raw-headers.js";

/** A message with its PGP/MIME layers taken off, ready for the ordinary parser. */
export interface UnwrappedMail {
  raw: Buffer;
  encrypted: boolean;
  /** False when the message was encrypted but could not be decrypted (kept as it came). */
  decrypted: boolean;
  signature: SignatureStatus;
}

const ARMORED_MESSAGE = /-----BEGIN PGP MESSAGE-----[\s\S]*?-----END PGP MESSAGE-----/;
const ARMORED_SIGNATURE = /-----BEGIN PGP SIGNATURE-----[\s\S]*?-----END PGP SIGNATURE-----/;
// The headers that describe the outer MIME layer; the decrypted entity brings its own.
const MIME_LAYER_HEADERS = new Set([
  "content-type",
  "content-transfer-encoding",
  "mime-version",
  "content-disposition",
]);

function boundaryOf(contentType: string): string | null {
  return /boundary\s*=\s*"?([^";]+)"?/i.exec(contentType)?.[1]?.trim() ?? null;
}

function senderAddress(block: RawHeaderBlock): string | null {
  const from = rawHeader(block, "from") ?? "";
  return (/<([^<>\s]+@[^<>\s]+)>/.exec(from) ?? /([^\s<>",;]+@[^\s<>",;]+)/.exec(from))?.[1] ?? null;
}

/** RFC 3156 §5: the first body part of multipart/signed, exactly as sent, lines ending in CRLF. */
function signedParts(body: string, boundary: string): { signed: Buffer; rest: string } | null {
  const delimiter = `--${boundary}`;
  const first = body.startsWith(delimiter) ? 0 : body.indexOf(`\n${delimiter}`) + 1;
  if (first === 0 && !body.startsWith(delimiter)) return null;
  const entityStart = body.indexOf("\n", first) + 1;
  const next = body.indexOf(`\n${delimiter}`, entityStart);
  if (entityStart === 0 || next === -1) return null;
  // The line break before a delimiter belongs to the delimiter (RFC 2046 §5.1.1).
  const entityEnd = body[next - 1] === "\r" ? next - 1 : next;
  const entity = body.slice(entityStart, entityEnd).replace(/\r?\n/g, "\r\n");
  return { signed: Buffer.from(entity, "latin1"), rest: body.slice(next) };
}

async function verifySigned(raw: Buffer, block: RawHeaderBlock, keyring: PgpKeyring): Promise<SignatureStatus> {
  const pgp = await loadOpenPgp();
  const boundary = boundaryOf(rawHeader(block, "content-type") ?? "");
  if (!boundary) return "none";
  const parts = signedParts(raw.subarray(block.bodyOffset).toString("latin1"), boundary);
  const armoredSignature = parts ? ARMORED_SIGNATURE.exec(parts.rest)?.[0] : undefined;
  if (!parts || !armoredSignature) return "invalid";
  try {
    const result = await pgp.verify({
      message: await pgp.createMessage({ binary: parts.signed }),
      signature: await pgp.readSignature({ armoredSignature }),
      verificationKeys: await keyring.verificationKeys(senderAddress(block)),
    });
    return await signatureStatus(result.signatures);
  } catch {
    return "invalid";
  }
}

async function encryptedPayload(raw: Buffer): Promise<string | null> {
  let armored: string | null = null;
  await readMime(raw, async ({ content }) => {
    const chunks: Buffer[] = [];
    for await (const chunk of content) chunks.push(chunk as Buffer);
    const found = ARMORED_MESSAGE.exec(Buffer.concat(chunks).toString("latin1"));
    if (found && !armored) armored = found[0];
    return null;
  });
  return armored;
}

function joinLayers(block: RawHeaderBlock, inner: Buffer): Buffer {
  const innerBlock = readRawHeaders(inner);
  const innerHasHeaders = innerBlock.headers.some((h) => h.key === "content-type");
  const innerKeys = new Set(innerBlock.headers.map((h) => h.key));
  const outer = block.headers
    .filter((h) => !MIME_LAYER_HEADERS.has(h.key) && !(innerHasHeaders && innerKeys.has(h.key)))
    .map((h) => `${h.key}: ${h.value.replace(/[\r\n]+/g, " ")}`);
  outer.push("mime-version: 1.0");
  // A payload without MIME headers (plain text encrypted as is) is read as UTF-8 text.
  if (!innerHasHeaders) outer.push("content-type: text/plain; charset=utf-8", "");
  return Buffer.concat([Buffer.from(`${outer.join("\r\n")}\r\n`, "utf8"), inner]);
}

/**
 * Takes PGP/MIME layers off a message (RFC 3156): decrypts multipart/encrypted addressed to the CERT's
 * key, verifies multipart/signed (also inside the encryption). Never throws: what cannot be decrypted
 * is returned unchanged with decrypted=false.
 */
export async function unwrapPgpMime(raw: Buffer, keyring: PgpKeyring): Promise<UnwrappedMail> {
  const block = readRawHeaders(raw);
  const contentType = (rawHeader(block, "content-type") ?? "").toLowerCase();
  if (contentType.startsWith("multipart/signed") && contentType.includes("pgp-signature")) {
    return { raw, encrypted: false, decrypted: false, signature: await verifySigned(raw, block, keyring) };
  }
  if (!contentType.startsWith("multipart/encrypted") || !contentType.includes("pgp-encrypted")) {
    return { raw, encrypted: false, decrypted: false, signature: "none" };
  }
  const unchanged: UnwrappedMail = { raw, encrypted: true, decrypted: false, signature: "none" };
  if (!keyring.decryptionKey) return unchanged;
  try {
    const armoredMessage = await encryptedPayload(raw);
    if (!armoredMessage) return unchanged;
    const pgp = await loadOpenPgp();
    const result = await pgp.decrypt({
      message: await pgp.readMessage({ armoredMessage }),
      decryptionKeys: keyring.decryptionKey,
      verificationKeys: await keyring.verificationKeys(senderAddress(block)),
      format: "binary",
    });
    const joined = joinLayers(block, Buffer.from(result.data));
    let signature = await signatureStatus(result.signatures);
    const innerBlock = readRawHeaders(joined);
    if (signature === "none" && (rawHeader(innerBlock, "content-type") ?? "").toLowerCase().includes("pgp-signature")) {
      signature = await verifySigned(joined, innerBlock, keyring);
    }
    return { raw: joined, encrypted: true, decrypted: true, signature };
  } catch {
    return unchanged;
  }
}
