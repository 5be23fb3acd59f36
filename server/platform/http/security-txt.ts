import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { FyrApp } from "./types.js";

const DAY_MS = 86_400_000;

/**
 * RFC 9116's security.txt, from configuration: where to report a vulnerability in this service
 * (a CERT is asked this more than most). Expires is computed ahead from today (at most 364 days,
 * the RFC advises under a year) and cut to midnight UTC, so the file is stable through a day and a
 * cache never keeps a stale date for long.
 */
export function securityTxt(config: Pick<Config, "securityTxt" | "publicUrl">, now: Date): string {
  const { contacts, encryption, policy, expiresDays } = config.securityTxt;
  const midnight = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const lines = [
    ...contacts.map((c) => `Contact: ${c}`),
    `Expires: ${new Date(midnight + expiresDays * DAY_MS).toISOString().replace(/\.000Z$/, "Z")}`,
    ...(encryption ? [`Encryption: ${encryption}`] : []),
    "Preferred-Languages: sv, en",
    ...(policy ? [`Policy: ${policy}`] : []),
    `Canonical: ${config.publicUrl}/.well-known/security.txt`,
    // CSAF 2.0 requirement 8: where the CERT's CSAF provider-metadata.json is (features/advisories).
    `CSAF: ${config.publicUrl}/.well-known/csaf/provider-metadata.json`,
  ];
  return `${lines.join("\n")}\n`;
}

/** Served by every process, the public surface included: that is where outsiders look for it. */
export function registerSecurityTxt(app: FyrApp, deps: { config: Config; clock: Clock }): void {
  app.get("/.well-known/security.txt", { schema: { hide: true } }, async (_req, reply) =>
    reply
      .type("text/plain; charset=utf-8")
      .header("cache-control", "max-age=3600")
      .send(securityTxt(deps.config, deps.clock.now())),
  );
}
