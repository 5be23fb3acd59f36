import { loadOpenPgp } from "../../../platform/openpgp.js";
import { decodeUnknownCharset } from "./charset-decoder.js";
import { type PgpKeyring, type SignatureStatus, signatureStatus } from "./pgp-keyring.js";

/** A text body with its inline PGP blocks opened. */
export interface InlinePgpResult {
  text: string;
  encrypted: boolean;
  decrypted: boolean;
  signature: SignatureStatus;
}

const INLINE_MESSAGE = /-----BEGIN PGP MESSAGE-----[\s\S]*?-----END PGP MESSAGE-----/;
const INLINE_SIGNED = /-----BEGIN PGP SIGNED MESSAGE-----[\s\S]*?-----END PGP SIGNATURE-----/;

async function openEncrypted(
  armoredMessage: string,
  keyring: PgpKeyring,
  sender: string | null,
): Promise<{ text: string; signature: SignatureStatus } | null> {
  if (!keyring.decryptionKey) return null;
  const pgp = await loadOpenPgp();
  try {
    const result = await pgp.decrypt({
      message: await pgp.readMessage({ armoredMessage }),
      decryptionKeys: keyring.decryptionKey,
      verificationKeys: await keyring.verificationKeys(sender),
      format: "binary",
    });
    return { text: decodeUnknownCharset(result.data), signature: await signatureStatus(result.signatures) };
  } catch {
    return null;
  }
}

async function openSigned(
  cleartextMessage: string,
  keyring: PgpKeyring,
  sender: string | null,
): Promise<{ text: string; signature: SignatureStatus }> {
  const pgp = await loadOpenPgp();
  try {
    const message = await pgp.readCleartextMessage({ cleartextMessage });
    const result = await pgp.verify({ message, verificationKeys: await keyring.verificationKeys(sender) });
    return { text: message.getText(), signature: await signatureStatus(result.signatures) };
  } catch {
    return { text: cleartextMessage, signature: "invalid" };
  }
}

/**
 * Opens inline PGP in a text body: an encrypted block (-----BEGIN PGP MESSAGE-----) to the CERT's key is
 * replaced by its plain text, a clear-signed block by its text with the signature checked.
 */
export async function openInlinePgp(
  text: string,
  keyring: PgpKeyring,
  sender: string | null,
): Promise<InlinePgpResult> {
  const encryptedBlock = INLINE_MESSAGE.exec(text);
  if (encryptedBlock) {
    const opened = await openEncrypted(encryptedBlock[0], keyring, sender);
    if (!opened) return { text, encrypted: true, decrypted: false, signature: "none" };
    // A clear-signed text inside the encryption is common (sign, then encrypt, both inline).
    const inner = INLINE_SIGNED.test(opened.text)
      ? await openInlinePgp(opened.text, keyring, sender)
      : { text: opened.text, signature: opened.signature };
    const signature = opened.signature === "none" ? inner.signature : opened.signature;
    return { text: text.replace(encryptedBlock[0], () => inner.text), encrypted: true, decrypted: true, signature };
  }
  const signedBlock = INLINE_SIGNED.exec(text);
  if (signedBlock) {
    const opened = await openSigned(signedBlock[0], keyring, sender);
    return {
      text: text.replace(signedBlock[0], () => opened.text),
      encrypted: false,
      decrypted: false,
      signature: opened.signature,
    };
  }
  return { text, encrypted: false, decrypted: false, signature: "none" };
}
