import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { StoredYaraString, YaraScanOutcome } from "../../platform/db/tables/yara.js";

// SQL for the scan state of files, their matches and "scan everything now" sweeps.

/** A file claimed for scanning by this process until its lease runs out. */
export interface ClaimedFile {
  sha256: string;
  /** How many claims it has had without a result, this one included. */
  attempts: number;
}

/**
 * Claims up to `limit` files scanned with a ruleset older than `below` (0: never scanned, first), that no
 * other process holds (or whose holder's lease ran out: it died mid-scan). Rows another claimer is
 * taking at this moment are skipped, so two processes never claim one file.
 */
export async function claimFiles(
  db: Db,
  claim: { node: string; now: Date; until: Date; below: number; limit: number },
): Promise<ClaimedFile[]> {
  const result = await sql<ClaimedFile>`
    update yara_file_scans s set claimed_by = ${claim.node}, claimed_until = ${claim.until}, attempts = s.attempts + 1
    where s.sha256 in (
      select sha256 from yara_file_scans
      where ruleset_version < ${claim.below} and (claimed_until is null or claimed_until < ${claim.now})
      order by ruleset_version, sha256
      limit ${claim.limit}
      for update skip locked)
    returning s.sha256, s.attempts`.execute(db);
  return result.rows;
}

/** Gives claimed files back unscanned (the pass stepped back for requests); the claim does not count. */
export async function releaseClaims(db: Db, node: string, hashes: readonly string[]): Promise<void> {
  if (hashes.length === 0) return;
  await db
    .updateTable("yara_file_scans")
    .set((eb) => ({ claimed_by: null, claimed_until: null, attempts: eb("attempts", "-", 1) }))
    .where("sha256", "in", hashes)
    .where("claimed_by", "=", node)
    .execute();
}

export interface ScanResult {
  sha256: string;
  rulesetVersion: number;
  outcome: YaraScanOutcome;
  detail: string | null;
  size: number | null;
  durationMs: number | null;
  at: Date;
}

/**
 * Records a scan of a file this process holds; false when the claim was lost meanwhile (then nothing is
 * written, and the matches must not be either).
 */
export async function recordScan(db: Db, node: string, scan: ScanResult): Promise<boolean> {
  const result = await db
    .updateTable("yara_file_scans")
    .set({
      ruleset_version: scan.rulesetVersion,
      outcome: scan.outcome,
      detail: scan.detail,
      size: scan.size,
      duration_ms: scan.durationMs,
      scanned_at: scan.at,
      claimed_by: null,
      claimed_until: null,
      attempts: 0,
    })
    .where("sha256", "=", scan.sha256)
    .where("claimed_by", "=", node)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface NewMatch {
  sha256: string;
  ruleId: string;
  ruleVersion: number;
  rulesetVersion: number;
  identifiers: string[];
  strings: StoredYaraString[];
  truncated: boolean;
  at: Date;
}

/** Stores matches; one already stored for (file, rule, rule version) stays. Answers the new ones. */
export async function insertMatches(db: Db, matches: readonly NewMatch[]): Promise<NewMatch[]> {
  if (matches.length === 0) return [];
  const stored = await db
    .insertInto("yara_matches")
    .values(
      matches.map((m) => ({
        sha256: m.sha256,
        rule_id: m.ruleId,
        rule_version: m.ruleVersion,
        ruleset_version: m.rulesetVersion,
        identifiers: m.identifiers,
        strings: JSON.stringify(m.strings),
        truncated: m.truncated,
        matched_at: m.at,
      })),
    )
    .onConflict((oc) => oc.columns(["sha256", "rule_id", "rule_version"]).doNothing())
    .returning(["sha256", "rule_id"])
    .execute();
  const isNew = new Set(stored.map((r) => `${r.sha256}/${r.rule_id}`));
  return matches.filter((m) => isNew.has(`${m.sha256}/${m.ruleId}`));
}

/** Counts for the scan status: files known, scanned with `version` or later, and never scanned. */
export async function countFiles(
  db: Db,
  version: number,
): Promise<{ files: number; current: number; waiting: number }> {
  const row = await db
    .selectFrom("yara_file_scans")
    .select((eb) => [
      eb.fn.countAll<number>().as("files"),
      eb.fn.countAll<number>().filterWhere("ruleset_version", ">=", Math.max(version, 1)).as("current"),
      eb.fn.countAll<number>().filterWhere("ruleset_version", "=", 0).as("waiting"),
    ])
    .executeTakeFirstOrThrow();
  return { files: Number(row.files), current: Number(row.current), waiting: Number(row.waiting) };
}

/** Files still scanned with a ruleset older than `version` (what a sweep has left). */
export async function countFilesBelow(db: Db, version: number): Promise<number> {
  const row = await db
    .selectFrom("yara_file_scans")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("ruleset_version", "<", version)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface SweepRow {
  id: string;
  ruleset_version: number;
  requested_at: Date;
  finished_at: Date | null;
  requested_by_name: string | null;
}

/** The newest sweep, finished or not. */
export async function selectLatestSweep(db: Db): Promise<SweepRow | undefined> {
  return db
    .selectFrom("yara_sweeps as s")
    .leftJoin("users as u", "u.id", "s.requested_by")
    .select(["s.id", "s.ruleset_version", "s.requested_at", "s.finished_at", "u.name as requested_by_name"])
    .orderBy("s.requested_at", "desc")
    .orderBy("s.id", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** The highest version an unfinished sweep asks for (0: none running). */
export async function selectOpenSweepVersion(db: Db): Promise<number> {
  const row = await db
    .selectFrom("yara_sweeps")
    .select((eb) => eb.fn.max("ruleset_version").as("v"))
    .where("finished_at", "is", null)
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

export async function insertSweep(db: Db, sweep: { version: number; by: string | null; at: Date }): Promise<string> {
  const row = await db
    .insertInto("yara_sweeps")
    .values({ ruleset_version: sweep.version, requested_by: sweep.by, requested_at: sweep.at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Marks finished every open sweep up to `version` (all files have reached it); answers how many. */
export async function finishSweeps(db: Db, version: number, at: Date): Promise<number> {
  const result = await db
    .updateTable("yara_sweeps")
    .set({ finished_at: at })
    .where("finished_at", "is", null)
    .where("ruleset_version", "<=", version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
