import { readFile } from "node:fs/promises";
import type * as openpgp from "openpgp";
import { loadOpenPgp } from "../../../platform/openpgp.js";

/** The signature status recorded with a mailed report. */
export type SignatureStatus = "valid" | "invalid" | "unknown_key" | "none";

/** The keys inbound mail is read with. */
export interface PgpKeyring {
  /** The CERT's private key (unlocked), or null when none is configured. */
  decryptionKey: openpgp.PrivateKey | null;
  /** Public keys known for a sender's address; none known means a signature is "unknown_key". */
  verificationKeys(address: string | null): Promise<openpgp.PublicKey[]>;
}

/** A keyring with no keys: encrypted mail stays as it came, signatures are "unknown_key". */
export const emptyKeyring: PgpKeyring = {
  decryptionKey: null,
  verificationKeys: () => Promise.resolve([]),
};

/**
 * Loads the CERT's armored private key (FYR_PGP_KEY_FILE) and unlocks it with the passphrase;
 * throws at start-up when the file or passphrase is wrong, so a bad key is noticed at once.
 */
export async function loadPgpKeyring(
  settings: { pgpKeyFile?: string | undefined; pgpPassphrase?: string | undefined },
  knownSenderKeys: (address: string | null) => Promise<openpgp.PublicKey[]> = () => Promise.resolve([]),
): Promise<PgpKeyring> {
  if (!settings.pgpKeyFile) return { ...emptyKeyring, verificationKeys: knownSenderKeys };
  const pgp = await loadOpenPgp();
  const armoredKey = await readFile(settings.pgpKeyFile, "utf8");
  const key = await pgp.readPrivateKey({ armoredKey });
  const decryptionKey = key.isDecrypted()
    ? key
    : await pgp.decryptKey({ privateKey: key, passphrase: settings.pgpPassphrase ?? "" });
  return { decryptionKey, verificationKeys: knownSenderKeys };
}

/** Reads the outcome of the first signature openpgp reports: valid, invalid, or from an unknown key. */
export async function signatureStatus(signatures: { verified: Promise<boolean> }[]): Promise<SignatureStatus> {
  const first = signatures[0];
  if (!first) return "none";
  try {
    return (await first.verified) ? "valid" : "invalid";
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return /could not find signing key/i.test(message) ? "unknown_key" : "invalid";
  }
}
