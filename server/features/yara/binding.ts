import { createRequire } from "node:module";
import { projectPath } from "../../platform/paths.js";

// YARA-X through its Node binding (@litko/yara-x, napi-rs, prebuilt). Loaded at run time from the
// project's node_modules, never bundled: it is a native addon (scripts/build-server.mjs keeps it
// external). The package is the loader that picks the platform's prebuilt addon; the addon's own
// package is tried as well, so an install that kept only the addon (optional dependency) still works.
// Only what Fyr uses is typed here.

/** A compiler diagnostic: YARA-X's code and its full text (which names the line and column). */
export interface YaraDiagnostic {
  code: string;
  message: string;
}

export interface YaraCompileResult {
  errors: YaraDiagnostic[];
  warnings: YaraDiagnostic[];
}

export interface YaraMatchData {
  offset: number;
  length: number;
  identifier: string;
}

export interface YaraRuleMatch {
  ruleIdentifier: string;
  matches: YaraMatchData[];
}

/** Compiled rules. */
export interface YaraRules {
  setMaxMatchesPerPattern(max: number): void;
  scanFileAsync(path: string): Promise<YaraRuleMatch[]>;
}

export interface CompilerOptions {
  /** Off: an `include` could read any file the server may read. */
  enableIncludes?: boolean;
}

export interface YaraBinding {
  validate(source: string, options?: CompilerOptions): YaraCompileResult;
  compile(source: string, options?: CompilerOptions): YaraRules;
}

// The prebuilt addon itself, not its wrapper package: this registry lacks the wrapper's packages for other
// platforms, which broke `npm ci` on its lock file. Other platforms: "YARA unavailable" (yara_unavailable).
const PACKAGES = ["@litko/yara-x-linux-x64-gnu"];

let loaded: YaraBinding | Error | undefined;

function isBinding(value: unknown): value is YaraBinding {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.validate === "function" && typeof v.compile === "function";
}

/** The binding, or the reason it cannot be loaded (kept: a failed load is not retried per request). */
export function loadYaraBinding(): YaraBinding | Error {
  if (loaded) return loaded;
  const require = createRequire(projectPath("package.json"));
  const failures: string[] = [];
  for (const name of PACKAGES) {
    try {
      const candidate: unknown = require(name);
      if (isBinding(candidate)) return (loaded = candidate);
      failures.push(`${name}: not a YARA-X binding`);
    } catch (err) {
      failures.push(`${name}: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
    }
  }
  return (loaded = new Error(`YARA-X could not be loaded (${failures.join("; ")})`));
}
