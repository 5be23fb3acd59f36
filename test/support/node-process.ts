import { type ChildProcess, spawn } from "node:child_process";
import { waitFor } from "./wait.js";

/** A child Node process (run through tsx) whose stdout lines the test can wait for. */
export interface NodeProcess {
  child: ChildProcess;
  lines: string[];
  /** Resolves with the first line (from `from` on) that matches. */
  line(pattern: RegExp, timeoutMs?: number, from?: number): Promise<string>;
  send(line: string): void;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `script` with `args` and `env` added to this process's environment. */
export function startNodeProcess(script: string, args: string[], env: Record<string, string> = {}): NodeProcess {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    stdio: ["pipe", "pipe", "inherit"],
    env: { ...process.env, ...env },
  });
  const lines: string[] = [];
  let partial = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split("\n");
    partial = parts.pop() ?? "";
    lines.push(...parts);
  });
  return {
    child,
    lines,
    line: (pattern, timeoutMs = 20_000, from = 0) =>
      waitFor(() => lines.slice(from).find((l) => pattern.test(l)), {
        timeoutMs,
        intervalMs: 20,
        what: String(pattern),
      }),
    send: (line) => void child.stdin?.write(`${line}\n`),
    stop: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGCONT");
        child.kill(signal);
      }),
  };
}
