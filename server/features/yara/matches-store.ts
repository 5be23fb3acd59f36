import { sql } from "kysely";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import type { TlpLabel } from "../../platform/db/tables/intake.js";
import type { StoredYaraString, YaraScanOutcome } from "../../platform/db/tables/yara.js";
import { type FileHolder, visibleHoldersSql } from "./files-store.js";

// SQL reading matches, always through the case policy: a match is read only where the actor sees a
// case holding its file (visibleHoldersSql), so one whose file only hidden TLP:RED cases hold is not
// listed, counted or named. Each (file, rule) shows its match with the rule's newest version that found it.

export interface MatchRow {
  sha256: string;
  rule_id: string;
  rule_name: string;
  rule_tlp: TlpLabel;
  rule_author_id: string | null;
  rule_current_version: number;
  rule_version: number;
  identifiers: string[];
  strings: StoredYaraString[];
  truncated: boolean;
  matched_at: Date;
  holders: FileHolder[];
}

function matchesSeenBy(db: Db, actor: Actor) {
  const holders = visibleHoldersSql(actor, sql.ref("m.sha256"));
  return db
    .selectFrom("yara_matches as m")
    .innerJoin("yara_rules as r", "r.id", "m.rule_id")
    .select([
      "m.sha256",
      "m.rule_id",
      "r.name as rule_name",
      "r.tlp as rule_tlp",
      "r.author_id as rule_author_id",
      "r.version as rule_current_version",
      "m.rule_version",
      "m.identifiers",
      "m.strings",
      "m.truncated",
      "m.matched_at",
      sql<FileHolder[]>`(select coalesce(json_agg(h), '[]'::json) from (${holders}) h)`.as("holders"),
    ])
    .where("r.deleted_at", "is", null)
    .where(sql<boolean>`exists (${holders})`)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("yara_matches as n")
            .select("n.rule_version")
            .whereRef("n.sha256", "=", "m.sha256")
            .whereRef("n.rule_id", "=", "m.rule_id")
            .whereRef("n.rule_version", ">", "m.rule_version"),
        ),
      ),
    );
}

/** A rule's matches the actor may see, newest first, after `after`; `limit` rows. */
export async function selectRuleMatches(
  db: Db,
  actor: Actor,
  ruleId: string,
  after: { at: Date; sha256: string } | undefined,
  limit: number,
): Promise<MatchRow[]> {
  let query = matchesSeenBy(db, actor).where("m.rule_id", "=", ruleId);
  if (after) query = query.where(sql<boolean>`(m.matched_at, m.sha256) < (${after.at}, ${after.sha256})`);
  const rows = await query.orderBy("m.matched_at", "desc").orderBy("m.sha256", "desc").limit(limit).execute();
  return rows as MatchRow[];
}

/** The matches on these files the actor may see, every rule. */
export async function selectFileMatches(db: Db, actor: Actor, hashes: readonly string[]): Promise<MatchRow[]> {
  if (hashes.length === 0) return [];
  const rows = await matchesSeenBy(db, actor)
    .where("m.sha256", "in", hashes)
    .orderBy("m.sha256")
    .orderBy("r.name")
    .execute();
  return rows as MatchRow[];
}

/** Per rule, how many files it matched that the actor may see. */
export async function countVisibleMatchedFiles(
  db: Db,
  actor: Actor,
  ruleIds: readonly string[],
): Promise<Map<string, number>> {
  if (ruleIds.length === 0) return new Map();
  const holders = visibleHoldersSql(actor, sql.ref("m.sha256"));
  const rows = await db
    .selectFrom("yara_matches as m")
    .select(["m.rule_id", sql<number>`count(distinct m.sha256)`.as("n")])
    .where("m.rule_id", "in", ruleIds)
    .where(sql<boolean>`exists (${holders})`)
    .groupBy("m.rule_id")
    .execute();
  return new Map(rows.map((r) => [r.rule_id, Number(r.n)]));
}

export interface FileScanRow {
  sha256: string;
  ruleset_version: number;
  outcome: YaraScanOutcome | null;
  detail: string | null;
  scanned_at: Date | null;
}

/** How these files were last scanned (a file never enrolled has no row). */
export async function selectFileScans(db: Db, hashes: readonly string[]): Promise<FileScanRow[]> {
  if (hashes.length === 0) return [];
  return db
    .selectFrom("yara_file_scans")
    .select(["sha256", "ruleset_version", "outcome", "detail", "scanned_at"])
    .where("sha256", "in", hashes)
    .execute();
}
