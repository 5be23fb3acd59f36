import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// A failure to open is a plain Error (a 500 with a stack in the log): it means a lost key or a
// tampered row, never something the caller did.
// Sealed form: fyr1.<key id>.<iv>.<ciphertext+tag> (base64url parts). The key id is derived from
// the key itself (first 8 bytes of its SHA-256, hex), so keys need no registry: whoever holds a key
// knows its id, and a value names the key that opens it.
const PREFIX = "fyr1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SECRET_KEY_BYTES = 32;

/** The id of a 32-byte key, as written into every value it seals. */
export function secretKeyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

/**
 * AES-256-GCM for secrets kept in the database (TOTP secrets, the setup token). The first key
 * seals; every key opens, so values sealed under an old key stay readable while they are
 * re-sealed (`fyr secrets rotate`). `context` is bound as associated data (for example
 * "totp:<user id>"), so a value copied to another row or purpose does not open.
 */
export interface SecretBox {
  /** Id of the key new values are sealed with. */
  readonly currentKeyId: string;
  readonly keyIds: readonly string[];
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
  /** True when the value is in sealed form (whatever key); plaintext from before encryption is not. */
  isSealed(value: string): boolean;
  /** The key id a sealed value names, or null. */
  keyIdOf(value: string): string | null;
}

export function createSecretBox(keys: readonly Buffer[]): SecretBox {
  const first = keys[0];
  if (!first) throw new Error("a secret box needs at least one key");
  const byId = new Map<string, Buffer>();
  for (const key of keys) {
    if (key.length !== SECRET_KEY_BYTES) throw new Error(`a secret key is ${SECRET_KEY_BYTES} bytes`);
    byId.set(secretKeyId(key), key);
  }
  const currentKeyId = secretKeyId(first);
  const parse = (value: string) => {
    const parts = value.split(".");
    if (parts.length !== 4 || parts[0] !== PREFIX) return null;
    const [, kid = "", iv = "", body = ""] = parts;
    return { kid, iv: Buffer.from(iv, "base64url"), body: Buffer.from(body, "base64url") };
  };
  return {
    currentKeyId,
    keyIds: [...byId.keys()],
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", first, iv);
      cipher.setAAD(Buffer.from(context, "utf8"));
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
      return [PREFIX, currentKeyId, iv.toString("base64url"), body.toString("base64url")].join(".");
    },
    open(sealed, context) {
      const parsed = parse(sealed);
      if (!parsed || parsed.iv.length !== IV_BYTES || parsed.body.length < TAG_BYTES) {
        throw new Error("a stored secret is not in sealed form");
      }
      const key = byId.get(parsed.kid);
      if (!key) {
        throw new Error(
          `a stored secret needs key ${parsed.kid}, which is not configured (FYR_SECRET_KEY or the key file)`,
        );
      }
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, parsed.iv);
        decipher.setAAD(Buffer.from(context, "utf8"));
        decipher.setAuthTag(parsed.body.subarray(parsed.body.length - TAG_BYTES));
        const text = Buffer.concat([decipher.update(parsed.body.subarray(0, -TAG_BYTES)), decipher.final()]);
        return text.toString("utf8");
      } catch {
        throw new Error("a stored secret does not open (tampered with, or moved to another row)");
      }
    },
    isSealed: (value) => parse(value) !== null,
    keyIdOf: (value) => parse(value)?.kid ?? null,
  };
}
