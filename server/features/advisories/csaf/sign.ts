import type * as openpgp from "openpgp";
import type { Config } from "../../../platform/config.js";
import { loadOpenPgp } from "../../../platform/openpgp.js";
import { loadPgpKeyring } from "../../intake/service.js";
import type { DocumentSigner } from "../types.js";

/**
 * Signs CSAF documents with the CERT's key (FYR_PGP_KEY_FILE, the key mail is decrypted and signed with):
 * an armored detached signature over the document's exact bytes (requirement 19), and its public half
 * for /.well-known/csaf/openpgp/ (requirement 20). The key is read once, on first use. Without a key
 * Fyr publishes unsigned and calls itself a csaf_provider, not a trusted one.
 */
export function createDocumentSigner(config: Pick<Config, "pgpKeyFile" | "pgpPassphrase">): DocumentSigner {
  let key: Promise<openpgp.PrivateKey | null> | undefined;
  const load = () => {
    key ??= loadPgpKeyring(config).then((k) => k.decryptionKey);
    key.catch(() => (key = undefined));
    return key;
  };
  return {
    async sign(bytes) {
      const signingKeys = await load();
      if (!signingKeys) return null;
      const pgp = await loadOpenPgp();
      const signature = await pgp.sign({
        message: await pgp.createMessage({ binary: bytes }),
        signingKeys,
        detached: true,
        format: "armored",
      });
      return String(signature);
    },
    async publicKey() {
      const k = await load();
      if (!k) return null;
      return { armored: k.toPublic().armor(), fingerprint: k.getFingerprint().toUpperCase() };
    },
  };
}
