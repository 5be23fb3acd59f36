import { stat } from "node:fs/promises";
import type { StoredYaraString } from "../../platform/db/tables/yara.js";
import type { BlobStore } from "../../platform/files/blobs.js";
import { formatBytes } from "../../platform/files/blobs.js";
import type { Ruleset } from "./ruleset.js";
import type { YaraScanner } from "./scanner.js";
import type { NewMatch, ScanResult } from "./scans-store.js";

/** What scanning one file needs. */
export interface FileScanDeps {
  blobs: BlobStore;
  scanner: YaraScanner;
  maxFileBytes: number;
  timeoutMs: number;
  now: () => Date;
}

/** A claim that ended this many times without a result: the file is given up on for this ruleset. */
export const MAX_ATTEMPTS = 3;

export interface ScannedFile {
  result: ScanResult;
  matches: NewMatch[];
}

/** The matches of one scan, grouped per Fyr rule (a source may declare several YARA rules). */
function matchesOf(
  sha256: string,
  ruleset: Ruleset,
  found: { rule: string; strings: Omit<StoredYaraString, "rule">[]; truncated: boolean }[],
  at: Date,
): NewMatch[] {
  const byRule = new Map<string, NewMatch>();
  for (const hit of found) {
    const rule = ruleset.byIdentifier.get(hit.rule);
    if (!rule) continue; // not declared by any rule of this ruleset: nothing to tell it back to
    const match = byRule.get(rule.id) ?? {
      sha256,
      ruleId: rule.id,
      ruleVersion: rule.version,
      rulesetVersion: ruleset.version,
      identifiers: [],
      strings: [],
      truncated: false,
      at,
    };
    match.identifiers.push(hit.rule);
    match.strings.push(...hit.strings.map((s) => ({ rule: hit.rule, ...s })));
    match.truncated ||= hit.truncated;
    byRule.set(rule.id, match);
  }
  return [...byRule.values()];
}

/**
 * Scans one claimed file with the ruleset, by its path in the blob store (the scanner's child reads it;
 * it never passes through this process): a file over the size limit, a missing blob, a scan over the time limit or a file the
 * scanner keeps dying on is recorded as such, for this ruleset version, and not tried again with it.
 */
export async function scanFile(
  deps: FileScanDeps,
  ruleset: Ruleset,
  file: { sha256: string; attempts: number },
): Promise<ScannedFile> {
  const base = { sha256: file.sha256, rulesetVersion: ruleset.version };
  const done = (
    outcome: ScanResult["outcome"],
    detail: string | null,
    size: number | null,
    durationMs: number | null,
  ) => ({
    result: { ...base, outcome, detail, size, durationMs, at: deps.now() },
    matches: [],
  });
  const path = deps.blobs.pathOf(file.sha256);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return done("missing", "The file is not in the file store", null, null);
  if (info.size > deps.maxFileBytes)
    return done("too_large", `Larger than the scanning limit of ${formatBytes(deps.maxFileBytes)}`, info.size, null);
  if (file.attempts > MAX_ATTEMPTS)
    return done("failed", `Scanning stopped ${MAX_ATTEMPTS} times without a result`, info.size, null);
  const started = performance.now();
  const answer = await deps.scanner.scan(path, ruleset);
  const durationMs = Math.round(performance.now() - started);
  switch (answer.kind) {
    case "timed_out":
      return done(
        "timed_out",
        `Stopped after the time limit of ${Math.round(deps.timeoutMs / 1000)} s`,
        info.size,
        durationMs,
      );
    case "failed":
      return done("failed", answer.message.slice(0, 500), info.size, durationMs);
    case "scanned": {
      const at = deps.now();
      return {
        result: { ...base, outcome: "scanned", detail: null, size: info.size, durationMs, at },
        matches: matchesOf(file.sha256, ruleset, answer.rules, at),
      };
    }
  }
}
