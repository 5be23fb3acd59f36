import type { YaraScanStatus } from "../../../contract/yara.js";
import { appendAudit } from "../../platform/audit.js";
import type { Config } from "../../platform/config.js";
import type { ServiceContext } from "../../platform/deps.js";
import { assertMayReadRules, assertMayWriteRules } from "./policy.js";
import { lockRuleset, selectActiveRules, selectRulesetVersion } from "./rules-store.js";
import { countFiles, countFilesBelow, insertSweep, selectLatestSweep, selectOpenSweepVersion } from "./scans-store.js";

type Limits = Pick<Config, "yaraMaxFileBytes" | "yaraTimeoutMs">;

/**
 * Where scanning stands: the ruleset, how many stored files are scanned with it, and the last "scan
 * everything now" with its progress. Counts of files, never of matches: they say nothing of any case.
 */
export async function getScanStatus(ctx: ServiceContext, limits: Limits): Promise<YaraScanStatus> {
  assertMayReadRules(ctx.actor);
  const version = await selectRulesetVersion(ctx.db);
  const enabledRules = (await selectActiveRules(ctx.db)).length;
  const files = await countFiles(ctx.db, version);
  const sweep = await selectLatestSweep(ctx.db);
  let sweepStatus: YaraScanStatus["sweep"] = null;
  if (sweep) {
    const left = sweep.finished_at ? 0 : await countFilesBelow(ctx.db, sweep.ruleset_version);
    sweepStatus = {
      id: sweep.id,
      rulesetVersion: sweep.ruleset_version,
      requestedBy: sweep.requested_by_name,
      requestedAt: sweep.requested_at.toISOString(),
      finishedAt: sweep.finished_at?.toISOString() ?? null,
      total: files.files,
      done: Math.max(0, files.files - left),
    };
  }
  return {
    rulesetVersion: version,
    enabledRules,
    files: files.files,
    currentFiles: files.current,
    waiting: files.waiting,
    sweep: sweepStatus,
    limits: { maxFileBytes: limits.yaraMaxFileBytes, timeoutSeconds: Math.round(limits.yaraTimeoutMs / 1000) },
  };
}

/**
 * "Scan everything now": every stored file is scanned again with the ruleset as it is now (the
 * background scanner works through them, new files first; progress survives restarts). Asking again
 * while one runs for the same ruleset starts nothing new. Audited.
 */
export async function scanEverything(ctx: ServiceContext, limits: Limits): Promise<YaraScanStatus> {
  assertMayWriteRules(ctx.actor);
  await ctx.db.transaction().execute(async (tx) => {
    const version = await lockRuleset(tx);
    if (version === 0 || (await selectOpenSweepVersion(tx)) >= version) return;
    const id = await insertSweep(tx, {
      version,
      by: ctx.actor.kind === "user" ? ctx.actor.userId : null,
      at: ctx.clock.now(),
    });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "yara.scan_everything",
      target: { type: "yara_sweep", id },
      diff: { rulesetVersion: version },
      ip: ctx.ip ?? null,
    });
  });
  return getScanStatus(ctx, limits);
}
