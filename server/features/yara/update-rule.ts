import type { YaraRule, YaraRulePatch } from "../../../contract/yara.js";
import { appendAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { conflict, notFound } from "../../platform/errors.js";
import { checkRuleSource } from "./check-rule.js";
import { nameTaken, sourceFingerprint } from "./create-rule.js";
import { countVisibleMatchedFiles } from "./matches-store.js";
import { assertMayEditRule, assertMayMarkRed } from "./policy.js";
import { presentRule } from "./present.js";
import {
  type RuleRow,
  bumpRuleset,
  insertRuleVersion,
  isRuleNameTaken,
  lockRuleset,
  selectActiveRules,
  selectRule,
  updateRuleRow,
} from "./rules-store.js";

/**
 * The rule `id` locked for a change by `actor` at `version`: the ruleset first (rule writes are checked
 * one after another), then 404 for a missing one, 403 for who may not edit it, 409 for a stale version.
 */
export async function lockRuleForChange(tx: Db, actor: Actor, id: string, version: number): Promise<RuleRow> {
  await lockRuleset(tx);
  const current = await selectRule(tx, id, { forUpdate: true });
  if (!current) throw notFound("yara_rule_not_found", `No YARA rule ${id}`);
  assertMayEditRule(actor, { tlp: current.tlp, authorId: current.author_id });
  if (current.version !== version)
    throw conflict("version_conflict", "The rule was changed by someone else; reload it");
  return current;
}

/**
 * An analyst changes a rule (text, name, TLP, description) or switches it on or off; a stale version is a
 * 409. A change to what is scanned for (text, on/off) moves the ruleset's version on: new files are
 * scanned with it at once, stored ones when someone scans everything.
 */
export async function updateRule(ctx: ServiceContext, id: string, patch: YaraRulePatch): Promise<YaraRule> {
  return ctx.db.transaction().execute(async (tx) => {
    const current = await lockRuleForChange(tx, ctx.actor, id, patch.version);
    if (patch.tlp === "TLP:RED" && current.tlp !== "TLP:RED")
      assertMayMarkRed(ctx.actor, { authorId: current.author_id });
    if (patch.name !== undefined && (await isRuleNameTaken(tx, patch.name, id))) throw nameTaken();

    const source = patch.source ?? current.source;
    const enabled = patch.enabled ?? current.enabled;
    const scanChanges = source !== current.source || enabled !== current.enabled;
    // Checked whenever it will be in the ruleset: a rule switched back on meets rules saved meanwhile.
    const identifiers =
      enabled && scanChanges
        ? checkRuleSource(
            source,
            (await selectActiveRules(tx)).filter((r) => r.id !== id),
          ).identifiers
        : current.identifiers;
    const at = ctx.clock.now();
    const writer = ctx.actor.kind === "user" ? ctx.actor.userId : null;
    const version = await updateRuleRow(tx, id, {
      name: patch.name ?? current.name,
      tlp: patch.tlp ?? current.tlp,
      description: patch.description ?? current.description,
      source,
      identifiers,
      enabled,
      updated_at: at,
      updated_by: writer,
    });
    await insertRuleVersion(tx, id, writer, at);
    const rulesetVersion = scanChanges ? await bumpRuleset(tx, at) : null;
    const { version: _read, source: newSource, ...changed } = patch;
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "yara.rule_updated",
      target: { type: "yara_rule", id },
      diff: {
        ...changed,
        ...(newSource !== undefined && newSource !== current.source ? { source: sourceFingerprint(newSource) } : {}),
        version,
        rulesetVersion,
      },
      ip: ctx.ip ?? null,
    });
    const row = await selectRule(tx, id);
    if (!row) throw notFound("yara_rule_not_found", `No YARA rule ${id}`);
    const counts = await countVisibleMatchedFiles(tx, ctx.actor, [id]);
    return presentRule(ctx.actor, row, counts.get(id) ?? 0);
  });
}
