import type { Db } from "../../platform/db/connect.js";
import { type ActiveRule, selectActiveRules, selectRulesetVersion } from "./rules-store.js";
import type { CompiledRuleset } from "./scanner.js";

/** The ruleset a pass scans with: its version, its rules, their sources as one text, and who declares what. */
export interface Ruleset extends CompiledRuleset {
  rules: ActiveRule[];
  /** Each YARA rule name → the Fyr rule whose source declares it (names are unique across the ruleset). */
  byIdentifier: Map<string, ActiveRule>;
}

/**
 * The current ruleset, read in one snapshot (repeatable read) so its version and its rules agree even
 * while an analyst saves a rule.
 */
export async function loadRuleset(db: Db): Promise<Ruleset> {
  const { version, rules } = await db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (tx) => ({ version: await selectRulesetVersion(tx), rules: await selectActiveRules(tx) }));
  const byIdentifier = new Map<string, ActiveRule>();
  for (const rule of rules) for (const name of rule.identifiers) byIdentifier.set(name, rule);
  return { version, rules, source: rules.map((r) => r.source).join("\n"), byIdentifier };
}
