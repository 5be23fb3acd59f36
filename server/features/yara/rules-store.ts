import { type Selectable, type Updateable, sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { TlpLabel } from "../../platform/db/tables/intake.js";
import type { YaraRuleVersionsTable, YaraRulesTable } from "../../platform/db/tables/yara.js";

// SQL for rules, their revisions and the ruleset's version; the rules about them live in the use cases.

export type RuleRow = Selectable<YaraRulesTable> & { author_name: string | null; updated_by_name: string | null };

function rulesWithNames(db: Db) {
  return db
    .selectFrom("yara_rules as r")
    .leftJoin("users as a", "a.id", "r.author_id")
    .leftJoin("users as u", "u.id", "r.updated_by")
    .selectAll("r")
    .select(["a.name as author_name", "u.name as updated_by_name"]);
}

/** One rule not deleted; `forUpdate` locks it for the caller's transaction. */
export async function selectRule(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<RuleRow | undefined> {
  let query = rulesWithNames(db).where("r.id", "=", id).where("r.deleted_at", "is", null);
  if (options.forUpdate) query = query.forUpdate("r");
  return query.executeTakeFirst();
}

/** Rules not deleted, by name (case-insensitively), after `after`; `limit` rows. */
export async function selectRules(
  db: Db,
  after: { name: string; id: string } | undefined,
  limit: number,
): Promise<RuleRow[]> {
  let query = rulesWithNames(db).where("r.deleted_at", "is", null);
  if (after) query = query.where(sql<boolean>`(lower(r.name), r.id) > (${after.name}, ${after.id}::uuid)`);
  return query
    .orderBy(sql`lower(r.name)`)
    .orderBy("r.id")
    .limit(limit)
    .execute();
}

/** Whether a rule other than `exceptId` (not deleted) has this name, case-insensitively. */
export async function isRuleNameTaken(db: Db, name: string, exceptId: string | null): Promise<boolean> {
  let query = db
    .selectFrom("yara_rules")
    .select("id")
    .where(sql<boolean>`lower(name) = lower(${name})`)
    .where("deleted_at", "is", null);
  if (exceptId) query = query.where("id", "<>", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export interface NewRule {
  name: string;
  authorId: string | null;
  tlp: TlpLabel;
  description: string;
  source: string;
  identifiers: string[];
  enabled: boolean;
  at: Date;
}

/** Inserts a rule at version 1; returns its id. */
export async function insertRule(db: Db, rule: NewRule): Promise<string> {
  const row = await db
    .insertInto("yara_rules")
    .values({
      name: rule.name,
      author_id: rule.authorId,
      tlp: rule.tlp,
      description: rule.description,
      source: rule.source,
      identifiers: rule.identifiers,
      enabled: rule.enabled,
      created_at: rule.at,
      updated_at: rule.at,
      updated_by: rule.authorId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes a rule and moves its version on; returns the new version. */
export async function updateRuleRow(
  db: Db,
  id: string,
  changes: Omit<Updateable<YaraRulesTable>, "id" | "version" | "created_at" | "author_id">,
): Promise<number> {
  const row = await db
    .updateTable("yara_rules")
    .set((eb) => ({ ...changes, version: eb("version", "+", 1) }))
    .where("id", "=", id)
    .returning("version")
    .executeTakeFirstOrThrow();
  return row.version;
}

// What a revision copies from the rule as it stands.
const REVISED = ["name", "tlp", "description", "source", "identifiers", "enabled"] as const;

/** Records the rule as it now stands as revision `version` (every change writes one). */
export async function insertRuleVersion(db: Db, id: string, writtenBy: string | null, at: Date): Promise<void> {
  await db
    .insertInto("yara_rule_versions")
    .columns(["rule_id", "version", ...REVISED, "deleted", "written_by", "written_at"])
    .expression((eb) =>
      eb
        .selectFrom("yara_rules")
        .select((s) => [
          "id",
          "version",
          ...REVISED,
          s(s.ref("deleted_at"), "is not", null).as("deleted"),
          sql<string | null>`${writtenBy}::uuid`.as("written_by"),
          sql<Date>`${at}::timestamptz`.as("written_at"),
        ])
        .where("id", "=", id),
    )
    .execute();
}

export type RuleVersionRow = Selectable<YaraRuleVersionsTable> & { written_by_name: string | null };

/** A rule's revisions, newest first. */
export async function selectRuleVersions(db: Db, id: string): Promise<RuleVersionRow[]> {
  return db
    .selectFrom("yara_rule_versions as v")
    .leftJoin("users as u", "u.id", "v.written_by")
    .selectAll("v")
    .select("u.name as written_by_name")
    .where("v.rule_id", "=", id)
    .orderBy("v.version", "desc")
    .execute();
}

/** What the scanner compiles, and what a new rule is checked against: enabled rules not deleted. */
export interface ActiveRule {
  id: string;
  name: string;
  version: number;
  source: string;
  identifiers: string[];
}

export async function selectActiveRules(db: Db): Promise<ActiveRule[]> {
  return db
    .selectFrom("yara_rules")
    .select(["id", "name", "version", "source", "identifiers"])
    .where("enabled", "=", true)
    .where("deleted_at", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/**
 * Locks the ruleset for a change of what is scanned for and returns its version. Rule writes take it
 * first, so two analysts saving at once are checked one after the other against each other's rules.
 */
export async function lockRuleset(db: Db): Promise<number> {
  const row = await db.selectFrom("yara_ruleset").select("version").forUpdate().executeTakeFirstOrThrow();
  return row.version;
}

/** Moves the ruleset's version on (call under lockRuleset); returns the new version. */
export async function bumpRuleset(db: Db, at: Date): Promise<number> {
  const row = await db
    .updateTable("yara_ruleset")
    .set((eb) => ({ version: eb("version", "+", 1), changed_at: at }))
    .returning("version")
    .executeTakeFirstOrThrow();
  return row.version;
}

/** The ruleset's current version (0: no rule was ever saved). */
export async function selectRulesetVersion(db: Db): Promise<number> {
  const row = await db.selectFrom("yara_ruleset").select("version").executeTakeFirstOrThrow();
  return row.version;
}
