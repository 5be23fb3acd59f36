import type * as openpgp from "openpgp";
import type { MailAttachment } from "../../platform/db/tables/platform.js";
import { loadOpenPgp } from "../../platform/openpgp.js";
import { sealText } from "../incidents/correspondence/seal.js";

// A digest as it leaves: inline OpenPGP like the incident correspondence (seal.ts; PGP/MIME would need
// multipart in the transport), with the CSV sealed the same way beside it. Encrypted (and signed) to every
// recipient and the CERT when each recipient has a key: the text armored, the file as events.csv.asc.
// Signed only otherwise: a cleartext signature on the text, the file as events.csv with a detached
// signature events.csv.sig over its bytes. Neither without a CERT key and recipient keys.

export interface SealedDigest {
  text: string;
  attachments: MailAttachment[];
  encrypted: boolean;
  signed: boolean;
}

const CSV_TYPE = "text/csv; charset=utf-8";

/** The digest's text and CSV sealed for these recipients' keys (null: not every recipient has one). */
export async function sealDigest(
  body: string,
  csv: string,
  recipientKeys: openpgp.PublicKey[] | null,
  certKey: openpgp.PrivateKey | null,
): Promise<SealedDigest> {
  const text = await sealText(body, recipientKeys, certKey);
  const plainFile: MailAttachment = { filename: "events.csv", contentType: CSV_TYPE, content: csv };
  if (!text.encrypted && !text.signed) return { ...text, attachments: [plainFile] };
  const pgp = await loadOpenPgp();
  const bytes = new TextEncoder().encode(csv);
  if (text.encrypted && recipientKeys) {
    const encryptionKeys = certKey ? [...recipientKeys, certKey.toPublic()] : recipientKeys;
    const armored = await pgp.encrypt({
      message: await pgp.createMessage({ binary: bytes, filename: "events.csv", format: "binary" }),
      encryptionKeys,
      ...(certKey ? { signingKeys: certKey } : {}),
    });
    return {
      ...text,
      attachments: [{ filename: "events.csv.asc", contentType: "application/pgp-encrypted", content: armored }],
    };
  }
  if (!certKey) return { ...text, attachments: [plainFile] };
  const signature = await pgp.sign({
    message: await pgp.createMessage({ binary: bytes }),
    signingKeys: certKey,
    detached: true,
  });
  return {
    ...text,
    attachments: [
      plainFile,
      { filename: "events.csv.sig", contentType: "application/pgp-signature", content: signature },
    ],
  };
}
