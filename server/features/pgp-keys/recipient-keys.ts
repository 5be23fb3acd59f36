import type * as openpgp from "openpgp";
import type { Db } from "../../platform/db/connect.js";
import { usablePublicKeys } from "./parse-key.js";
import { selectUsableKeys } from "./store.js";

/**
 * The usable public key of each address (lower case) that has one. Mail is encrypted only when every
 * recipient appears here.
 */
export async function recipientKeys(
  db: Db,
  addresses: readonly string[],
  now: Date,
): Promise<Map<string, openpgp.PublicKey>> {
  const rows = await selectUsableKeys(db, [...new Set(addresses.map((a) => a.toLowerCase()))], now);
  const found = new Map<string, openpgp.PublicKey>();
  for (const row of rows) {
    const [key] = await usablePublicKeys([row.armored_key], now);
    if (key) found.set(row.email, key);
  }
  return found;
}
