import type { YaraMatch, YaraRule, YaraRuleVersion } from "../../../contract/yara.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { MatchRow } from "./matches-store.js";
import { mayEditRule, mayReadRuleSource } from "./policy.js";
import type { RuleRow, RuleVersionRow } from "./rules-store.js";

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? "" } : null);

/**
 * A rule as the actor may see it: its text only when the TLP policy lets them read it — the names of
 * the YARA rules inside it are text too.
 */
export function presentRule(actor: Actor, row: RuleRow, matchedFiles: number): YaraRule {
  const rule = { tlp: row.tlp, authorId: row.author_id };
  const readable = mayReadRuleSource(actor, rule);
  return {
    id: row.id,
    name: row.name,
    author: person(row.author_id, row.author_name),
    tlp: row.tlp,
    description: row.description,
    source: readable ? row.source : null,
    identifiers: readable ? row.identifiers : [],
    enabled: row.enabled,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    updatedBy: person(row.updated_by, row.updated_by_name),
    matchedFiles,
    mayEdit: mayEditRule(actor, rule),
  };
}

/** One revision; its text under the rule's current TLP (a rule made RED hides its history's text too). */
export function presentRuleVersion(actor: Actor, rule: RuleRow, row: RuleVersionRow): YaraRuleVersion {
  const readable = mayReadRuleSource(actor, { tlp: rule.tlp, authorId: rule.author_id });
  return {
    version: row.version,
    name: row.name,
    tlp: row.tlp,
    description: row.description,
    source: readable && mayReadRuleSource(actor, { tlp: row.tlp, authorId: rule.author_id }) ? row.source : null,
    enabled: row.enabled,
    deleted: row.deleted,
    writtenBy: person(row.written_by, row.written_by_name),
    writtenAt: row.written_at.toISOString(),
  };
}

/**
 * A match as the actor may see it: where it matched (offsets, lengths) for everyone who sees the file;
 * the matched bytes and the names inside the rule only for who may read the rule's text.
 */
export function presentMatch(actor: Actor, row: MatchRow): YaraMatch {
  const readable = mayReadRuleSource(actor, { tlp: row.rule_tlp, authorId: row.rule_author_id });
  const cases = new Map<string, { kind: "report" | "incident"; reference: string }>();
  for (const h of row.holders) cases.set(`${h.kind}/${h.reference}`, { kind: h.kind, reference: h.reference });
  return {
    sha256: row.sha256,
    rule: { id: row.rule_id, name: row.rule_name, tlp: row.rule_tlp },
    ruleVersion: row.rule_version,
    current: row.rule_version === row.rule_current_version,
    identifiers: readable ? row.identifiers : [],
    strings: row.strings.map((s) =>
      readable ? s : { rule: "", identifier: "", offset: s.offset, length: s.length, hex: null },
    ),
    truncated: row.truncated,
    matchedAt: row.matched_at.toISOString(),
    filenames: [...new Set(row.holders.map((h) => h.filename))],
    cases: [...cases.values()],
  };
}
