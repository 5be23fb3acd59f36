import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger };

const REDACT = {
  paths: [
    "req.headers.authorization",
    "req.headers.cookie",
    'res.headers["set-cookie"]',
    "*.password",
    "*.totp",
    "*.token",
  ],
  censor: "[redacted]",
};

/**
 * True when the log goes to a person's terminal (`npm start` in a shell) rather than to a
 * collector (systemd, a container runtime, a file): there Fyr writes readable lines, elsewhere JSON.
 */
export function logsToTerminal(): boolean {
  return process.stdout.isTTY === true;
}

/**
 * Logs on stdout with secrets redacted: JSON lines (production), or with `terminal` one readable
 * line per entry — time, level, message, then its fields — written through the same redaction.
 */
export function createLogger(level: string, { terminal = false }: { terminal?: boolean } = {}): Logger {
  const options = { level, base: { service: "fyr" }, redact: REDACT };
  return terminal ? pino(options, terminalLines(process.stdout)) : pino(options);
}

const LEVELS: Record<number, string> = { 10: "trace", 20: "debug", 30: "info", 40: "WARN", 50: "ERROR", 60: "FATAL" };
// Pino's own fields, shown in the line's head or not at all.
const HEAD = new Set(["level", "time", "msg", "service", "pid", "hostname"]);

function fieldText(value: unknown): string {
  if (typeof value === "string") return /\s/.test(value) || value === "" ? JSON.stringify(value) : value;
  return JSON.stringify(value) ?? String(value);
}

/** One pino JSON line as a readable line: "14:02:07 info  Fyr is running roles=… url=…". */
export function terminalLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = typeof entry.time === "number" ? new Date(entry.time).toTimeString().slice(0, 8) : "";
  const level = (LEVELS[Number(entry.level)] ?? String(entry.level)).padEnd(5);
  const fields = Object.entries(entry)
    .filter(([key]) => !HEAD.has(key))
    .map(([key, value]) =>
      key === "err" && typeof value === "object" && value !== null && "stack" in value
        ? `\n${String(value.stack)}`
        : `${key}=${fieldText(value)}`,
    );
  return [time, level, typeof entry.msg === "string" ? entry.msg : "", ...fields].filter(Boolean).join(" ") + "\n";
}

function terminalLines(out: NodeJS.WritableStream): DestinationStream {
  return { write: (line: string) => void out.write(terminalLine(line)) };
}
