import { appendAudit } from "../../platform/audit.js";
import type { ServiceContext } from "../../platform/deps.js";
import { bumpRuleset, insertRuleVersion, updateRuleRow } from "./rules-store.js";
import { lockRuleForChange } from "./update-rule.js";

/**
 * An analyst deletes a rule: it leaves the ruleset and every list, and its matches are no longer shown
 * on files; its revisions and the timeline events it caused stay, for the record. `version` must be
 * the one read (409 otherwise).
 */
export async function deleteRule(ctx: ServiceContext, id: string, version: number): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const current = await lockRuleForChange(tx, ctx.actor, id, version);
    const at = ctx.clock.now();
    const writer = ctx.actor.kind === "user" ? ctx.actor.userId : null;
    await updateRuleRow(tx, id, { deleted_at: at, updated_at: at, updated_by: writer });
    await insertRuleVersion(tx, id, writer, at);
    const rulesetVersion = current.enabled ? await bumpRuleset(tx, at) : null;
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "yara.rule_deleted",
      target: { type: "yara_rule", id },
      diff: { name: current.name, version: current.version + 1, rulesetVersion },
      ip: ctx.ip ?? null,
    });
  });
}
