import { createHash } from "node:crypto";
import type { YaraRule, YaraRuleCreate } from "../../../contract/yara.js";
import { appendAudit } from "../../platform/audit.js";
import type { ServiceContext } from "../../platform/deps.js";
import { conflict, notFound } from "../../platform/errors.js";
import { checkRuleSource } from "./check-rule.js";
import { assertMayMarkRed, assertMayWriteRules } from "./policy.js";
import { presentRule } from "./present.js";
import {
  bumpRuleset,
  insertRule,
  insertRuleVersion,
  isRuleNameTaken,
  lockRuleset,
  selectActiveRules,
  selectRule,
} from "./rules-store.js";

/** What the audit trail keeps of a source: its hash and size (the text is in the rule's revisions). */
export function sourceFingerprint(source: string): { sha256: string; chars: number } {
  return { sha256: createHash("sha256").update(source).digest("hex"), chars: source.length };
}

export const nameTaken = () => conflict("yara_rule_name_taken", "Another YARA rule has this name");

/** An analyst saves a new rule; it is compile-checked against the ruleset and, enabled, joins it at once. */
export async function createRule(ctx: ServiceContext, input: YaraRuleCreate): Promise<YaraRule> {
  assertMayWriteRules(ctx.actor);
  const authorId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  if (input.tlp === "TLP:RED") assertMayMarkRed(ctx.actor, { authorId });
  return ctx.db.transaction().execute(async (tx) => {
    // First: rule writes are checked one after another against each other's rules.
    await lockRuleset(tx);
    if (await isRuleNameTaken(tx, input.name, null)) throw nameTaken();
    const checked = checkRuleSource(input.source, input.enabled ? await selectActiveRules(tx) : []);
    const at = ctx.clock.now();
    const id = await insertRule(tx, { ...input, authorId, identifiers: checked.identifiers, at });
    await insertRuleVersion(tx, id, authorId, at);
    const rulesetVersion = input.enabled ? await bumpRuleset(tx, at) : null;
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "yara.rule_created",
      target: { type: "yara_rule", id },
      diff: {
        name: input.name,
        tlp: input.tlp,
        enabled: input.enabled,
        source: sourceFingerprint(input.source),
        rulesetVersion,
      },
      ip: ctx.ip ?? null,
    });
    const row = await selectRule(tx, id);
    if (!row) throw notFound("yara_rule_not_found", "The rule just saved is gone");
    return presentRule(ctx.actor, row, 0);
  });
}
