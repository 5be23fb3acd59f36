import { type ChildProcess, fork } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import type { Logger } from "../../platform/log.js";
import { projectPath } from "../../platform/paths.js";
import { type FoundRule, FromScanner, type ToScanner } from "./scan-protocol.js";

// The parent side of scan-process.ts: one child that compiles the ruleset and scans files one at a
// time. A file that takes longer than the time limit has its child killed (SIGKILL: the engine cannot
// be interrupted otherwise); the next scan starts a fresh child and loads the ruleset again.

/** The ruleset to scan with: its version and all its rules' sources as one text. */
export interface CompiledRuleset {
  version: number;
  source: string;
}

export type ScanAnswer =
  | { kind: "scanned"; rules: FoundRule[]; rss: number }
  | { kind: "timed_out" }
  /** The engine refused the file or its child died on it (a crash on a hostile file). */
  | { kind: "failed"; message: string };

export interface YaraScanner {
  /** Scans the file at `path` with `ruleset` (compiled once per version); never throws for the file's sake. */
  scan(path: string, ruleset: CompiledRuleset): Promise<ScanAnswer>;
  /** Ends the child; a later scan starts another. */
  close(): Promise<void>;
}

export interface ScannerOptions {
  timeoutMs: number;
  logger: Logger;
}

/** Thrown when the ruleset itself does not compile in the child: no file can be scanned with it. */
export class RulesetLoadError extends Error {
  override name = "RulesetLoadError";
}

const LOAD_TIMEOUT_MS = 60_000;

// The child is TypeScript run through tsx, in production too: it is started once, and compiling one
// small file there costs less than a second bundle would to keep in step (tsx is a dependency).
function childCommand(): { script: string; execArgv: string[] } {
  const require = createRequire(projectPath("package.json"));
  return {
    script: projectPath("server", "features", "yara", "scan-process.ts"),
    execArgv: ["--import", pathToFileURL(require.resolve("tsx")).href],
  };
}

/** A scanner whose child process is started on first use. */
export function createYaraScanner(options: ScannerOptions): YaraScanner {
  const { logger } = options;
  let child: ChildProcess | undefined;
  let loadedVersion: number | undefined;
  let nextId = 1;
  // The one request in flight: scans and loads run one at a time (the pass awaits each).
  let pending: { proc: ChildProcess; id: number | "load"; settle: (message: FromScanner | Error) => void } | undefined;

  function start(): ChildProcess {
    const { script, execArgv } = childCommand();
    const proc = fork(script, [], {
      execArgv,
      // Only what node needs: the database address, keys and secrets stay with the server.
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization: "json",
    });
    proc.stderr?.on("data", (chunk: Buffer) =>
      logger.warn({ stderr: chunk.toString("utf8").slice(0, 2000) }, "yara scanner said"),
    );
    proc.on("message", (raw: unknown) => {
      const parsed = FromScanner.safeParse(raw);
      if (!parsed.success) return logger.error("yara scanner sent a malformed message");
      const message = parsed.data;
      const id = message.type === "loaded" || message.type === "load_failed" ? "load" : message.id;
      if (pending?.proc === proc && pending.id === id) pending.settle(message);
    });
    proc.on("exit", (code, signal) => {
      if (child === proc) {
        child = undefined;
        loadedVersion = undefined;
      }
      // A child killed for taking too long may end after the next one took over: not that one's answer.
      if (pending?.proc === proc) pending.settle(new Error(`the scanner process ended (${signal ?? `exit ${code}`})`));
    });
    return proc;
  }

  function request(message: ToScanner, timeoutMs: number): Promise<FromScanner | "timeout"> {
    child ??= start();
    const proc = child;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending = undefined;
        if (child === proc) {
          child = undefined;
          loadedVersion = undefined;
        }
        proc.kill("SIGKILL");
        resolve("timeout");
      }, timeoutMs);
      pending = {
        proc,
        id: message.type === "load" ? "load" : message.id,
        settle(answer) {
          clearTimeout(timer);
          pending = undefined;
          if (answer instanceof Error) reject(answer);
          else resolve(answer);
        },
      };
      proc.send(message);
    });
  }

  async function load(ruleset: CompiledRuleset): Promise<void> {
    if (loadedVersion === ruleset.version && child) return;
    const answer = await request({ type: "load", version: ruleset.version, source: ruleset.source }, LOAD_TIMEOUT_MS);
    if (answer === "timeout") throw new RulesetLoadError("compiling the ruleset took too long");
    if (answer.type === "load_failed") throw new RulesetLoadError(answer.message);
    loadedVersion = ruleset.version;
  }

  return {
    async scan(path, ruleset) {
      await load(ruleset);
      const id = nextId++;
      try {
        const answer = await request({ type: "scan", id, path }, options.timeoutMs);
        if (answer === "timeout") return { kind: "timed_out" };
        if (answer.type === "result") return { kind: "scanned", rules: answer.rules, rss: answer.rss };
        if (answer.type === "scan_failed") return { kind: "failed", message: answer.message };
        return { kind: "failed", message: `unexpected answer ${answer.type}` };
      } catch (err) {
        return { kind: "failed", message: err instanceof Error ? err.message : String(err) };
      }
    },
    async close() {
      const proc = child;
      child = undefined;
      loadedVersion = undefined;
      if (!proc || proc.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        proc.once("exit", () => resolve());
        proc.kill("SIGTERM");
      });
    },
  };
}
