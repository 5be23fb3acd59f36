import type { Clock } from "../../platform/clock.js";
import type { Db } from "../../platform/db/connect.js";
import { systemActor } from "../../platform/auth/actor.js";
import type { BlobStore } from "../../platform/files/blobs.js";
import type { Logger } from "../../platform/log.js";
import { type Periodic, startPeriodic } from "../../platform/periodic.js";
import { countRowsWrittenToFileTables, enrolNewFiles } from "./files-store.js";
import { onYaraMatch } from "./on-yara-match.js";
import { type Ruleset, loadRuleset } from "./ruleset.js";
import { scanFile } from "./scan-file.js";
import { RulesetLoadError, type YaraScanner } from "./scanner.js";
import {
  type NewMatch,
  claimFiles,
  countFilesBelow,
  finishSweeps,
  insertMatches,
  recordScan,
  releaseClaims,
  selectOpenSweepVersion,
} from "./scans-store.js";
import { tellIncidentsOfMatches } from "./tell-incidents.js";

export interface ScanPassDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  blobs: BlobStore;
  scanner: YaraScanner;
  /** This process's name, recorded on its claims. */
  node: string;
  maxFileBytes: number;
  timeoutMs: number;
  /** True while requests queue in this process: the pass gives back what it claimed and stops. */
  busy?: () => boolean;
}

export interface PassSummary {
  enrolled: number;
  scanned: number;
  matches: number;
  events: number;
}

/**
 * What the background loop keeps between passes so an idle pass walks no table: the row count of the
 * tables holding files when it last walked them (countRowsWrittenToFileTables), and when.
 */
export interface PassMemory {
  rowsWritten: number | null;
  walkedAt: number;
}

const ENROL_BATCH = 2000;
// Walked at least this often whatever the statistics say (they reset after a crash, may be off, and
// move a second or so after the writer commits).
const WALK_EVERY_MS = 60_000;
const CLAIM_BATCH = 10;
// A pass ends after this long so a shutdown or a new ruleset does not wait behind a long backlog.
const PASS_BUDGET_MS = 10_000;
const actor = systemActor("yara");

/** Stores one batch's results, each file's matches with it; onYaraMatch hears of each new match. */
async function recordBatch(deps: ScanPassDeps, ruleset: Ruleset, results: Awaited<ReturnType<typeof scanFile>>[]) {
  let found = 0;
  await deps.db.transaction().execute(async (tx) => {
    for (const { result, matches } of results) {
      // A claim lost meanwhile (lease ran out): another process scans the file; nothing of ours is kept.
      if (!(await recordScan(tx, deps.node, result))) continue;
      const fresh: NewMatch[] = await insertMatches(tx, matches);
      found += fresh.length;
      for (const m of fresh) {
        const rule = ruleset.rules.find((r) => r.id === m.ruleId);
        await onYaraMatch(
          { db: tx, clock: deps.clock, actor },
          {
            sha256: m.sha256,
            ruleId: m.ruleId,
            ruleName: rule?.name ?? "",
            ruleVersion: m.ruleVersion,
            identifiers: m.identifiers,
          },
        );
      }
    }
  });
  return found;
}

/**
 * One pass of the scanner: enrols files no scan has seen, then scans — new files first, then those a
 * "scan everything now" asks for — each once per ruleset version, in claimed batches (a process that
 * dies leaves its claims to expire and be taken again), stepping back while requests queue; finally
 * finishes sweeps that are done and tells incidents of matches. With no rule enabled nothing is scanned:
 * files wait, and the first rule saved is run over all of them. Given `memory` (the background loop),
 * the file tables are walked (enrolment, incidents to tell) only when rows were written since the last
 * walk, or a minute has passed; without it, always.
 */
export async function runScanPass(deps: ScanPassDeps, memory?: PassMemory): Promise<PassSummary> {
  const summary: PassSummary = { enrolled: 0, scanned: 0, matches: 0, events: 0 };
  const ruleset = await loadRuleset(deps.db);
  if (ruleset.rules.length === 0) return summary;
  const written = memory ? await countRowsWrittenToFileTables(deps.db) : null;
  const walk =
    !memory || written === null || written !== memory.rowsWritten || Date.now() - memory.walkedAt >= WALK_EVERY_MS;
  if (walk) {
    let complete = true;
    for (;;) {
      const n = await enrolNewFiles(deps.db, deps.clock.now(), ENROL_BATCH);
      summary.enrolled += n;
      if (n < ENROL_BATCH) break;
      if (deps.busy?.()) {
        complete = false;
        break;
      }
    }
    if (memory && complete) Object.assign(memory, { rowsWritten: written, walkedAt: Date.now() });
  }
  const sweepVersion = await selectOpenSweepVersion(deps.db);
  const below = Math.min(Math.max(sweepVersion, 1), ruleset.version);
  const leaseMs = CLAIM_BATCH * (deps.timeoutMs + 5000) + 60_000;
  const started = Date.now();
  const fileDeps = { ...deps, now: () => deps.clock.now() };
  while (Date.now() - started < PASS_BUDGET_MS && !deps.busy?.()) {
    const now = deps.clock.now();
    const claimed = await claimFiles(deps.db, {
      node: deps.node,
      now,
      until: new Date(now.getTime() + leaseMs),
      below,
      limit: CLAIM_BATCH,
    });
    if (claimed.length === 0) break;
    const results = [];
    for (const [i, file] of claimed.entries()) {
      if (deps.busy?.()) {
        await releaseClaims(
          deps.db,
          deps.node,
          claimed.slice(i).map((f) => f.sha256),
        );
        break;
      }
      try {
        results.push(await scanFile(fileDeps, ruleset, file));
      } catch (err) {
        // The ruleset itself does not compile in the scanner (it passed the checks when saved, so an
        // engine change?): nothing can be scanned; the claims are given back and the pass ends loudly.
        await releaseClaims(
          deps.db,
          deps.node,
          claimed.slice(i).map((f) => f.sha256),
        );
        if (err instanceof RulesetLoadError)
          deps.logger.error({ err }, "the YARA ruleset does not compile; not scanning");
        await recordBatch(deps, ruleset, results);
        throw err;
      }
    }
    summary.matches += await recordBatch(deps, ruleset, results);
    summary.scanned += results.length;
  }
  if (sweepVersion > 0 && (await countFilesBelow(deps.db, sweepVersion)) === 0)
    await finishSweeps(deps.db, sweepVersion, deps.clock.now());
  // A new holder of a matched file comes with a written row (the walk), a new match with this pass.
  if (walk || summary.matches > 0) summary.events = await tellIncidentsOfMatches(deps.db, deps.clock);
  return summary;
}

/** Scans every couple of seconds until stopped (worker role); stopping ends the scanner's child too. */
export function startYaraScanning(deps: ScanPassDeps): Periodic {
  const memory: PassMemory = { rowsWritten: null, walkedAt: 0 };
  const periodic = startPeriodic({
    what: "YARA scanning",
    logger: deps.logger,
    intervalMs: 2000,
    pass: async () => {
      const summary = await runScanPass(deps, memory);
      if (summary.scanned > 0 || summary.events > 0) deps.logger.info(summary, "YARA scan pass");
    },
  });
  return {
    async stop() {
      await periodic.stop();
      await deps.scanner.close();
    },
  };
}
