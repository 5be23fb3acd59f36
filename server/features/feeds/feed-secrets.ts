import type { SecretBox } from "../../platform/auth/secret-box.js";
import type { Db } from "../../platform/db/connect.js";
import { fetchSecretContext } from "./source-config.js";

// Feed sources' sealed secrets (IMAP passwords, Reports API secrets) take part in key rotation like
// every other sealed value: re-sealed under the current key, and counted when deciding whether an old
// key may be retired — else a rotation would retire the key that opens them.

/** Re-seals the sources' secrets not under the box's current key; answers how many. */
export async function resealFeedSecrets(tx: Db, box: SecretBox): Promise<number> {
  const rows = await tx
    .selectFrom("feed_sources")
    .select(["id", "fetch_secret"])
    .where("fetch_secret", "is not", null)
    .where("fetch_secret", "not like", `fyr1.${box.currentKeyId}.%`)
    .forUpdate()
    .execute();
  for (const row of rows) {
    if (row.fetch_secret === null) continue;
    const context = fetchSecretContext(row.id);
    const secret = box.open(row.fetch_secret, context);
    await tx
      .updateTable("feed_sources")
      .set({ fetch_secret: box.seal(secret, context) })
      .where("id", "=", row.id)
      .execute();
  }
  return rows.length;
}

/** How many sources' secrets are sealed under `keyId`. */
export async function countFeedSecretsUnder(db: Db, keyId: string): Promise<number> {
  const row = await db
    .selectFrom("feed_sources")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("fetch_secret", "like", `fyr1.${keyId}.%`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
