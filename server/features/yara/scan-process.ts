import { open } from "node:fs/promises";
import { type YaraRuleMatch, type YaraRules, loadYaraBinding } from "./binding.js";
import { type FoundRule, type FromScanner, MATCH_BYTES, STRINGS_PER_RULE, ToScanner } from "./scan-protocol.js";

// The scanner's child process: compiles the ruleset and scans files by path, one at a time, answering
// over IPC. A process of its own because the binding has no time limit (the parent kills this one when
// a file takes too long), because a native crash on a hostile file must not take the server with it,
// and because a scan must not hold a thread of the server's libuv pool (sign-in hashes passwords there).
// Started by scanner.ts with a bare environment: no database address or keys reach it. The binding
// reads a file whole into this process's memory (measured with 0.3.0, whether or not it is asked to map
// it), so its memory is about 110 MiB plus the largest file it is given: the scan pass gives it none over
// FYR_YARA_MAX_FILE_BYTES.

const binding = loadYaraBinding();
let rules: YaraRules | null = null;

function send(message: FromScanner): void {
  process.send?.(message);
}

/** Up to MATCH_BYTES of each matched string, read from the file itself (exact bytes, bounded memory). */
async function found(path: string, matches: YaraRuleMatch[]): Promise<FoundRule[]> {
  if (matches.length === 0) return [];
  const file = await open(path, "r");
  try {
    const out: FoundRule[] = [];
    for (const match of matches) {
      const strings = [];
      for (const m of match.matches.slice(0, STRINGS_PER_RULE)) {
        const buffer = Buffer.alloc(Math.min(m.length, MATCH_BYTES));
        const { bytesRead } = await file.read(buffer, 0, buffer.length, m.offset);
        strings.push({
          identifier: m.identifier,
          offset: m.offset,
          length: m.length,
          hex: buffer.subarray(0, bytesRead).toString("hex"),
        });
      }
      out.push({ rule: match.ruleIdentifier, strings, truncated: match.matches.length > STRINGS_PER_RULE });
    }
    return out;
  } finally {
    await file.close();
  }
}

async function handle(message: ToScanner): Promise<void> {
  switch (message.type) {
    case "load": {
      try {
        if (binding instanceof Error) throw binding;
        const compiled = binding.compile(message.source, { enableIncludes: false });
        // One more than is kept, so the parent can say the list was cut short.
        compiled.setMaxMatchesPerPattern(STRINGS_PER_RULE + 1);
        rules = compiled;
        send({ type: "loaded", version: message.version });
      } catch (err) {
        rules = null;
        send({ type: "load_failed", version: message.version, message: String(err) });
      }
      return;
    }
    case "scan": {
      try {
        if (rules === null) throw new Error("no ruleset is loaded");
        const matches = await rules.scanFileAsync(message.path);
        send({
          type: "result",
          id: message.id,
          rules: await found(message.path, matches),
          rss: process.memoryUsage().rss,
        });
      } catch (err) {
        send({ type: "scan_failed", id: message.id, message: err instanceof Error ? err.message : String(err) });
      }
      return;
    }
  }
}

// One message at a time, in order: the parent sends the next scan only after an answer.
let queue: Promise<void> = Promise.resolve();
process.on("message", (raw: unknown) => {
  const parsed = ToScanner.safeParse(raw);
  if (!parsed.success) return;
  queue = queue.then(() => handle(parsed.data));
});
// The parent went away: nothing is left to answer.
process.on("disconnect", () => process.exit(0));
