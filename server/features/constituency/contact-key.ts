import type * as openpgp from "openpgp";
import { invalid } from "../../platform/errors.js";
import { loadOpenPgp } from "../../platform/openpgp.js";

// A contact's OpenPGP key: kept with its fingerprint and expiry. Unlike a correspondence recipient's key
// (pgp-keys/parse-key.ts), an expired one is accepted and flagged: the registry records what the
// organisation gave, and staff are warned to ask for a new one. A private key is always refused.

export interface ContactKey {
  armored: string;
  fingerprint: string;
  expiresAt: Date | null;
}

/** Reads an armored public key, or a 400 naming `path`. */
export async function readContactKey(armoredKey: string, path: string): Promise<ContactKey> {
  const pgp = await loadOpenPgp();
  let key: openpgp.Key;
  try {
    key = await pgp.readKey({ armoredKey });
  } catch {
    throw invalid("pgp_key_unreadable", "This is not an armored OpenPGP key", [
      { path, message: "not an armored OpenPGP public key", code: "invalid" },
    ]);
  }
  if (key.isPrivate())
    throw invalid("pgp_key_private", "This is a private key; give only the public key", [
      { path, message: "a private key; only public keys are accepted", code: "invalid" },
    ]);
  // An expired key can make openpgp throw here, depending on which signature lapsed: read as "expired".
  const expiration = await key.getExpirationTime().catch(() => new Date(0));
  return {
    armored: key.armor(),
    fingerprint: key.getFingerprint().toUpperCase(),
    expiresAt: expiration instanceof Date ? expiration : null,
  };
}
