import { z } from "zod";
import type { YaraRule, YaraRuleList, YaraRuleVersionList, YaraSourceCheckResult } from "../../../contract/yara.js";
import type { ServiceContext } from "../../platform/deps.js";
import { notFound } from "../../platform/errors.js";
import { keyset, readKeysetPage } from "../../platform/keyset-page.js";
import { checkRuleSource } from "./check-rule.js";
import { countVisibleMatchedFiles } from "./matches-store.js";
import { assertMayReadRules, assertMayWriteRules } from "./policy.js";
import { presentRule, presentRuleVersion } from "./present.js";
import { type RuleRow, selectActiveRules, selectRule, selectRuleVersions, selectRules } from "./rules-store.js";

const RULE_KEYS = keyset(z.object({ n: z.string(), id: z.uuid() }).strict());

/** The rules, by name; each with the number of files it matched that the reader may see. */
export async function listRules(ctx: ServiceContext, query: { limit: number; cursor?: string }): Promise<YaraRuleList> {
  assertMayReadRules(ctx.actor);
  const { rows, nextCursor } = await readKeysetPage(
    query,
    RULE_KEYS,
    ({ after, limit }) => selectRules(ctx.db, after ? { name: after.n, id: after.id } : undefined, limit),
    (row) => ({ n: row.name.toLowerCase(), id: row.id }),
  );
  const counts = await countVisibleMatchedFiles(
    ctx.db,
    ctx.actor,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => presentRule(ctx.actor, r, counts.get(r.id) ?? 0)), nextCursor };
}

async function loadRule(ctx: ServiceContext, id: string): Promise<RuleRow> {
  assertMayReadRules(ctx.actor);
  const row = await selectRule(ctx.db, id);
  if (!row) throw notFound("yara_rule_not_found", `No YARA rule ${id}`);
  return row;
}

/** One rule; its text only for who may read it. */
export async function getRule(ctx: ServiceContext, id: string): Promise<YaraRule> {
  const row = await loadRule(ctx, id);
  const counts = await countVisibleMatchedFiles(ctx.db, ctx.actor, [id]);
  return presentRule(ctx.actor, row, counts.get(id) ?? 0);
}

/** A rule's revisions, newest first. */
export async function listRuleVersions(ctx: ServiceContext, id: string): Promise<YaraRuleVersionList> {
  const rule = await loadRule(ctx, id);
  return { items: (await selectRuleVersions(ctx.db, id)).map((v) => presentRuleVersion(ctx.actor, rule, v)) };
}

/**
 * The editor's check: the same checks a save makes (against the ruleset without the rule being edited),
 * answered as ok with the declared names and warnings, or the save's 400 naming the field.
 */
export async function checkDraft(
  ctx: ServiceContext,
  draft: { source: string; ruleId?: string },
): Promise<YaraSourceCheckResult> {
  assertMayWriteRules(ctx.actor);
  const others = (await selectActiveRules(ctx.db)).filter((r) => r.id !== draft.ruleId);
  const checked = checkRuleSource(draft.source, others);
  return { ok: true, identifiers: checked.identifiers, warnings: checked.warnings };
}
