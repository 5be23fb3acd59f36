import type * as openpgp from "openpgp";
import { loadOpenPgp } from "../../../platform/openpgp.js";
import type { Config } from "../../../platform/config.js";
import { loadPgpKeyring } from "../../intake/mail/pgp-keyring.js";

/** The CERT's own key, loaded once per process from FYR_PGP_KEY_FILE (intake's keyring loader). */
export type CertKeySource = () => Promise<openpgp.PrivateKey | null>;

/** Loads the CERT key on first use and keeps it; a bad key file fails the first send, loudly. */
export function certKeySource(config: Pick<Config, "pgpKeyFile" | "pgpPassphrase">): CertKeySource {
  let loading: Promise<openpgp.PrivateKey | null> | undefined;
  return () => {
    loading ??= loadPgpKeyring(config).then((k) => k.decryptionKey);
    loading.catch(() => (loading = undefined));
    return loading;
  };
}

export interface SealedText {
  text: string;
  encrypted: boolean;
  signed: boolean;
}

/**
 * The mail body as it leaves: encrypted (inline OpenPGP, to every recipient and to the CERT itself so
 * its own copy stays readable) when a key is known for every recipient, signed when the CERT key is
 * configured; a cleartext signature when it can sign but not encrypt; else the text as written.
 */
export async function sealText(
  text: string,
  recipientKeys: openpgp.PublicKey[] | null,
  certKey: openpgp.PrivateKey | null,
): Promise<SealedText> {
  const signingKeys = certKey ? { signingKeys: certKey } : {};
  if (!certKey && !(recipientKeys && recipientKeys.length > 0)) return { text, encrypted: false, signed: false };
  const pgp = await loadOpenPgp();
  if (recipientKeys && recipientKeys.length > 0) {
    const encryptionKeys = certKey ? [...recipientKeys, certKey.toPublic()] : recipientKeys;
    const armored = await pgp.encrypt({
      message: await pgp.createMessage({ text }),
      encryptionKeys,
      ...signingKeys,
    });
    return { text: armored, encrypted: true, signed: certKey !== null };
  }
  if (certKey) {
    const signed = await pgp.sign({
      message: await pgp.createCleartextMessage({ text }),
      signingKeys: certKey,
    });
    return { text: signed, encrypted: false, signed: true };
  }
  return { text, encrypted: false, signed: false };
}
