import { randomBytes } from "node:crypto";
import { appendAudit } from "../../platform/audit.js";
import { SECRET_KEY_BYTES, createSecretBox, secretKeyId } from "../../platform/auth/secret-box.js";
import { type SecretKeys, replaceKeyFile } from "../../platform/auth/secret-keys.js";
import type { ServiceContext } from "../../platform/deps.js";
import { type SealResult, sealStoredSecrets } from "./seal-secrets.js";
import { readSetupToken } from "./setup-token.js";
import { countFeedSecretsUnder } from "../feeds/index.js";
import { countSecretsUnder } from "./store.js";

export interface RotationResult extends SealResult {
  source: SecretKeys["source"]["kind"];
  keyId: string;
  /** Ids of keys no stored value needs any more (dropped from the key file; removable from the env). */
  retired: string[];
}

/**
 * `fyr secrets rotate`. With the key file: a new key is put first (old ones stay, so every value
 * stays readable meanwhile and running servers, which re-read the file, seal with the new key at
 * once), every secret is re-sealed under it, and old keys no value names any more leave the file.
 * With FYR_SECRET_KEY the operator puts the new key first (`FYR_SECRET_KEY=new,old`); this
 * re-seals under it and says which old keys may go.
 */
export async function rotateSecrets(ctx: ServiceContext, keys: SecretKeys): Promise<RotationResult> {
  const source = keys.source;
  const all = source.kind === "file" ? [randomBytes(SECRET_KEY_BYTES), ...keys.keys] : keys.keys;
  if (source.kind === "file") await replaceKeyFile(source.path, all);
  const box = createSecretBox(all);
  const sealed = await sealStoredSecrets(ctx, box);
  const [current, ...old] = all;
  if (!current) throw new Error("no key");
  const setup = await readSetupToken(ctx.db);
  const stillNeeded: Buffer[] = [];
  const retired: string[] = [];
  for (const key of old) {
    const id = secretKeyId(key);
    // A server that sealed with the old key just before it saw the new file keeps its key here.
    const needed =
      (await countSecretsUnder(ctx.db, id)) > 0 ||
      (await countFeedSecretsUnder(ctx.db, id)) > 0 ||
      (setup?.sealed && box.keyIdOf(setup.sealed) === id);
    if (needed) stillNeeded.push(key);
    else retired.push(id);
  }
  if (source.kind === "file") await replaceKeyFile(source.path, [current, ...stillNeeded]);
  await appendAudit(ctx.db, ctx.clock, {
    actor: ctx.actor,
    action: "secrets.rotated",
    diff: { source: source.kind, keyId: box.currentKeyId, retired, resealed: sealed.resealed },
    ip: ctx.ip,
  });
  return { ...sealed, source: source.kind, keyId: box.currentKeyId, retired };
}
