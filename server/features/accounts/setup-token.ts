import { z } from "zod";
import type { SecretBox } from "../../platform/auth/secret-box.js";
import type { Db } from "../../platform/db/connect.js";
import { readSetting, takeSetting, writeSetting } from "./store.js";

// The one-time setup token: its hash (what setup checks) and the token sealed with the secret key
// (what `fyr setup-link` shows again; never logged).
export const SETUP_TOKEN_SETTING = "setup.token";
const SEAL_CONTEXT = "setup-token";

export const StoredSetupToken = z.object({
  hash: z.string(),
  expiresAt: z.iso.datetime(),
  sealed: z.string().optional(),
});
export type StoredSetupToken = z.infer<typeof StoredSetupToken>;

/** The stored setup token, or undefined (none, or not in the expected shape). */
export async function readSetupToken(db: Db): Promise<StoredSetupToken | undefined> {
  const parsed = StoredSetupToken.safeParse(await readSetting(db, SETUP_TOKEN_SETTING));
  return parsed.success ? parsed.data : undefined;
}

export const sealSetupToken = (box: SecretBox, token: string) => box.seal(token, SEAL_CONTEXT);
export const openSetupToken = (box: SecretBox, sealed: string) => box.open(sealed, SEAL_CONTEXT);

/** Removes the setup token (once an admin exists it must not make another); true when there was one. */
export async function clearSetupToken(db: Db): Promise<boolean> {
  // Read first: a delete of nothing would still announce an auth change to every process.
  if ((await readSetting(db, SETUP_TOKEN_SETTING)) === undefined) return false;
  return (await takeSetting(db, SETUP_TOKEN_SETTING)) !== undefined;
}

/** Re-seals the stored setup token under the current key; true when it was rewritten. */
export async function resealSetupToken(db: Db, box: SecretBox, at: Date): Promise<boolean> {
  const stored = await readSetupToken(db);
  if (!stored?.sealed || box.keyIdOf(stored.sealed) === box.currentKeyId) return false;
  const sealed = sealSetupToken(box, openSetupToken(box, stored.sealed));
  await writeSetting(db, SETUP_TOKEN_SETTING, { ...stored, sealed }, at);
  return true;
}
