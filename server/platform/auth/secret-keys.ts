import { randomBytes } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { mkdir, open, readFile, rename, stat } from "node:fs/promises";
import { join } from "node:path";
import { SECRET_KEY_BYTES, type SecretBox, createSecretBox } from "./secret-box.js";

/** The key file's name inside FYR_DATA_DIR (also on PostgreSQL: the key must not live in the database). */
export const KEY_FILE_NAME = "secret.key";

/** Where the keys came from: the environment (operator-managed) or the key file (Fyr-managed). */
export type SecretKeySource = { kind: "env" } | { kind: "file"; path: string };

export interface SecretKeys {
  box: SecretBox;
  keys: Buffer[];
  source: SecretKeySource;
}

/** Parses the key file / FYR_SECRET_KEY format: base64 keys of 32 bytes, the first is current. */
export function parseSecretKeys(text: string, separator: RegExp): Buffer[] {
  const keys = text
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== "" && !s.startsWith("#"))
    .map((s) => Buffer.from(s, "base64"));
  if (keys.length === 0) throw new Error("no key");
  for (const key of keys) {
    if (key.length !== SECRET_KEY_BYTES) throw new Error(`each key must be base64 of ${SECRET_KEY_BYTES} bytes`);
  }
  return keys;
}

/** A new random key, base64 (the format of FYR_SECRET_KEY and of the key file's lines). */
export function newSecretKey(): string {
  return randomBytes(SECRET_KEY_BYTES).toString("base64");
}

/**
 * The keys that seal stored secrets: FYR_SECRET_KEY when set, else `<data dir>/secret.key`,
 * created (mode 0600) on first use. A key file others may read is refused.
 */
export async function loadSecretKeys(config: {
  secretKeys: Buffer[] | undefined;
  dataDir: string;
}): Promise<SecretKeys> {
  if (config.secretKeys) {
    return { box: createSecretBox(config.secretKeys), keys: config.secretKeys, source: { kind: "env" } };
  }
  const path = join(config.dataDir, KEY_FILE_NAME);
  let text: string;
  try {
    const info = await stat(path);
    if ((info.mode & 0o077) !== 0) {
      throw new Error(`${path} may be read by others (mode ${(info.mode & 0o777).toString(8)}); chmod 600 it`);
    }
    text = await readFile(path, "utf8");
  } catch (err) {
    if (!isMissing(err)) throw err;
    await mkdir(config.dataDir, { recursive: true });
    try {
      await writeNew(path, keyFileText([randomBytes(SECRET_KEY_BYTES)]));
    } catch (raced) {
      // Another process created it first: use theirs.
      if (!(raced instanceof Error && "code" in raced && raced.code === "EEXIST")) throw raced;
    }
    text = await readFile(path, "utf8");
  }
  const keys = keysOfFile(path, text);
  return { box: followKeyFile(path, keys), keys, source: { kind: "file", path } };
}

function keysOfFile(path: string, text: string): Buffer[] {
  try {
    return parseSecretKeys(text, /\r?\n/);
  } catch (err) {
    throw new Error(`${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * A box that re-reads the key file when it changes, so a running server seals with the new key
 * and opens values re-sealed under it as soon as `fyr secrets rotate` has written it (one stat per
 * seal or open: these happen at TOTP sign-ins and enrolments, not per request).
 */
function followKeyFile(path: string, initial: Buffer[]): SecretBox {
  let box = createSecretBox(initial);
  // The file is replaced by rename, so a new inode (or mtime) means new keys.
  const version = () => {
    const info = statSync(path);
    return `${info.ino}:${info.mtimeMs}`;
  };
  let seen = version();
  const fresh = (): SecretBox => {
    const now = version();
    if (now !== seen) {
      box = createSecretBox(keysOfFile(path, readFileSync(path, "utf8")));
      seen = now;
    }
    return box;
  };
  return {
    get currentKeyId() {
      return fresh().currentKeyId;
    },
    get keyIds() {
      return fresh().keyIds;
    },
    seal: (plaintext, context) => fresh().seal(plaintext, context),
    open: (sealed, context) => fresh().open(sealed, context),
    isSealed: (value) => box.isSealed(value),
    keyIdOf: (value) => box.keyIdOf(value),
  };
}

/** Replaces the key file atomically (a temporary file of mode 0600, fsynced, renamed over it). */
export async function replaceKeyFile(path: string, keys: Buffer[]): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeNew(temporary, keyFileText(keys));
  await rename(temporary, path);
}

function keyFileText(keys: Buffer[]): string {
  const header = "# Fyr's keys for secrets stored in the database (base64, 32 bytes each); the first seals.\n";
  return header + keys.map((k) => `${k.toString("base64")}\n`).join("");
}

async function writeNew(path: string, text: string): Promise<void> {
  const handle = await open(path, "wx", 0o600);
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isMissing(err: unknown): boolean {
  return err instanceof Error && "code" in err && err.code === "ENOENT";
}
