import { appendAudit } from "../../platform/audit.js";
import type { SecretBox } from "../../platform/auth/secret-box.js";
import type { ServiceContext } from "../../platform/deps.js";
import { resealFeedSecrets } from "../feeds/index.js";
import { resealSetupToken } from "./setup-token.js";
import { lockSecretsNotUnder, replaceSealedSecret } from "./store.js";
import { openTotpSecret, sealTotpSecret } from "./totp-secret.js";

export interface SealResult {
  /** Values sealed anew under the current key. */
  resealed: number;
  /** Of those, how many were stored in plaintext (from before secrets were encrypted). */
  plaintext: number;
}

/**
 * Seals every stored secret that is not under the box's current key: plaintext from before
 * encryption (at start) and values under an older key (`fyr secrets rotate`). One transaction, so a
 * crash leaves each value either as it was or re-sealed, both readable with the keys then present.
 */
export async function sealStoredSecrets(ctx: ServiceContext, box: SecretBox): Promise<SealResult> {
  return ctx.db.transaction().execute(async (tx) => {
    const keyId = box.currentKeyId;
    let resealed = 0;
    let plaintext = 0;
    for (const row of await lockSecretsNotUnder(tx, keyId)) {
      const sealed = box.isSealed(row.totp_secret);
      const secret = sealed ? openTotpSecret(box, row.id, row.totp_secret) : row.totp_secret;
      await replaceSealedSecret(tx, row.id, sealTotpSecret(box, row.id, secret));
      resealed++;
      if (!sealed) plaintext++;
    }
    if (await resealSetupToken(tx, box, ctx.clock.now())) resealed++;
    // Feed sources' mailbox passwords and API secrets are sealed by the same keys.
    resealed += await resealFeedSecrets(tx, box);
    if (resealed > 0) {
      await appendAudit(tx, ctx.clock, {
        actor: ctx.actor,
        action: "secrets.sealed",
        diff: { resealed, plaintext, keyId },
        ip: ctx.ip,
      });
    }
    return { resealed, plaintext };
  });
}
