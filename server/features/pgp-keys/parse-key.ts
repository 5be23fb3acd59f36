import type * as openpgp from "openpgp";
import { loadOpenPgp } from "../../platform/openpgp.js";
import { invalid } from "../../platform/errors.js";

/** What Fyr keeps of a recipient's public key. */
export interface ParsedPublicKey {
  armored: string;
  fingerprint: string;
  userIds: string[];
  emails: string[];
  expiresAt: Date | null;
}

const field = "body.armoredKey";

/**
 * Reads an armored OpenPGP public key and checks it can encrypt now: not a private key (a CERT must
 * never hold someone else's secret), not expired or revoked, with an encryption (sub)key.
 */
export async function parsePublicKey(armoredKey: string, now: Date): Promise<ParsedPublicKey> {
  const pgp = await loadOpenPgp();
  let key: openpgp.Key;
  try {
    key = await pgp.readKey({ armoredKey });
  } catch {
    throw invalid("pgp_key_unreadable", "This is not an armored OpenPGP key", [
      { path: field, message: "not an armored OpenPGP public key", code: "invalid" },
    ]);
  }
  if (key.isPrivate()) {
    throw invalid("pgp_key_private", "This is a private key; paste only the public key", [
      { path: field, message: "a private key; only public keys are accepted", code: "invalid" },
    ]);
  }
  const expiration = await key.getExpirationTime();
  const expiresAt = expiration instanceof Date ? expiration : null;
  if (expiresAt && expiresAt <= now) {
    throw invalid("pgp_key_expired", "This key has expired", [{ path: field, message: "expired", code: "invalid" }]);
  }
  try {
    await key.getEncryptionKey(undefined, now);
  } catch {
    throw invalid("pgp_key_unusable", "This key cannot encrypt (revoked, or no encryption key)", [
      { path: field, message: "no valid encryption key", code: "invalid" },
    ]);
  }
  const userIds = key.getUserIDs();
  const emails = key.users.flatMap((u) => (u.userID?.email ? [u.userID.email.toLowerCase()] : []));
  return {
    armored: key.armor(),
    fingerprint: key.getFingerprint().toUpperCase(),
    userIds,
    emails: [...new Set(emails)],
    expiresAt,
  };
}

/** The public keys among these armored ones that can encrypt at `now`; unreadable or revoked ones are left out. */
export async function usablePublicKeys(armored: readonly string[], now: Date): Promise<openpgp.PublicKey[]> {
  if (armored.length === 0) return [];
  const pgp = await loadOpenPgp();
  const keys = await Promise.all(
    armored.map(async (armoredKey) => {
      try {
        const key = await pgp.readKey({ armoredKey });
        if (key.isPrivate()) return null;
        await key.getEncryptionKey(undefined, now);
        return key;
      } catch {
        return null;
      }
    }),
  );
  return keys.filter((k): k is openpgp.PublicKey => k !== null);
}
