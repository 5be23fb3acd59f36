import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { Config } from "./config.js";

// The anchor: the sealed head of the audit chain, signed with a key that does not live in the
// database. Someone who can write the database can rewrite entries and recompute every hash, but
// cannot sign the new head; and a head exported or mailed earlier names a hash the rewritten chain
// no longer has.

/** The secret that signs sealed heads, and a short public name for it. */
export interface AnchorKey {
  id: string;
  secret: Buffer;
}

// Its own file, beside (not instead of) the key that encrypts TOTP secrets.
export const ANCHOR_KEY_FILE = "audit-anchor.key";

export function anchorKeyFrom(secret: Buffer): AnchorKey {
  if (secret.length < 32) throw new Error("the audit anchor key must be at least 32 bytes");
  // Names the key in every signed head, so a head signed with another key reads as such.
  return { id: createHash("sha256").update("fyr-audit-anchor-key").update(secret).digest("hex").slice(0, 16), secret };
}

/**
 * FYR_AUDIT_ANCHOR_KEY when set, else `audit-anchor.key` in the data dir, created (32 random bytes,
 * hex, mode 0600) on first use. Every node that seals must use the same key.
 */
export function loadAnchorKey(config: Pick<Config, "auditAnchorKey" | "dataDir">): AnchorKey {
  if (config.auditAnchorKey) return anchorKeyFrom(Buffer.from(config.auditAnchorKey, "utf8"));
  const path = join(config.dataDir, ANCHOR_KEY_FILE);
  mkdirSync(config.dataDir, { recursive: true });
  try {
    writeFileSync(path, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
  } catch (err) {
    if (!(err instanceof Error && "code" in err && err.code === "EEXIST")) throw err;
  }
  if ((statSync(path).mode & 0o077) !== 0)
    throw new Error(`${path} is readable by others; chmod 600 it (it signs the audit trail)`);
  return anchorKeyFrom(Buffer.from(readFileSync(path, "utf8").trim(), "utf8"));
}

/** A sealed head as exported, mailed and checked: position, hash, when and with which key it was signed. */
export const SignedHead = z.object({
  format: z.literal("fyr-audit-anchor/1"),
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  signedAt: z.iso.datetime(),
  keyId: z.string().min(1).max(64),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});
export type SignedHead = z.infer<typeof SignedHead>;

function macOf(key: AnchorKey, seq: number, hash: string, signedAt: string): string {
  return createHmac("sha256", key.secret)
    .update(["fyr-audit-anchor/1", String(seq), hash, signedAt, key.id].join("\n"))
    .digest("hex");
}

export function signHead(key: AnchorKey, seq: number, hash: string, signedAt: Date): SignedHead {
  const at = signedAt.toISOString();
  return { format: "fyr-audit-anchor/1", seq, hash, signedAt: at, keyId: key.id, mac: macOf(key, seq, hash, at) };
}

/** Whether `head` was signed with `key` exactly as it reads. */
export function headSignatureValid(key: AnchorKey, head: SignedHead): boolean {
  if (head.keyId !== key.id) return false;
  const expected = Buffer.from(macOf(key, head.seq, head.hash, head.signedAt), "hex");
  const given = Buffer.from(head.mac, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
