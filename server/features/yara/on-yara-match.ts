import type { ServiceContext } from "../../platform/deps.js";

/** A match just found, as onYaraMatch hears of it. */
export interface YaraMatchFound {
  sha256: string;
  ruleId: string;
  ruleName: string;
  ruleVersion: number;
  identifiers: string[];
}

/**
 * Called once for each new (file, rule) match, as the system, in the transaction that stores the match
 * (scan-pass.ts): whatever it writes commits or vanishes with it. The place where a match becomes a tag
 * `yara:<rule name>` on the file's SHA-256 observable — the observables workspace's `addObservableTag`,
 * wired when that lands (issue 13). Until then it does nothing.
 */
export async function onYaraMatch(_ctx: ServiceContext, _match: YaraMatchFound): Promise<void> {
  // Intentionally empty until the observables workspace's tags exist.
}
