import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { messages } from "../../lib/i18n/messages.js";
import { actionFallback } from "./audit-words.js";

// Every action the server writes to the audit trail has words in Swedish and English, so the audit
// screen and the landing page never show a code. The actions are read from the server's sources:
// a new `appendAudit({ action: "…" })` without wording fails here.

const SERVER = fileURLToPath(new URL("../../../server/", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") && !name.includes("test-fixtures") ? [path] : [];
  });
}

function auditActions(): Set<string> {
  const found = new Set<string>();
  for (const file of sources(SERVER)) {
    const text = readFileSync(file, "utf8");
    // appendAudit(…, { …, action: <expression>, … }): every string literal in the expression.
    for (const m of text.matchAll(/appendAudit\([^;]*?\baction:\s*([^,\n]+)/gs))
      // Actions are `area.verb`; other literals in the expression (a ternary's test) are not actions.
      for (const lit of (m[1] ?? "").matchAll(/"([a-z_]+\.[a-z_.]+)"/g)) if (lit[1]) found.add(lit[1]);
    // Features that word their entries through a local helper: audit(ctx, tx, "…").
    for (const m of text.matchAll(/\baudit\(ctx, tx, "([a-z_.]+)"/g)) if (m[1]) found.add(m[1]);
  }
  return found;
}

function lookup(tree: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => {
    if (typeof node !== "object" || node === null) return undefined;
    return (node as Record<string, unknown>)[key];
  }, tree);
}

describe("audit entries in words", () => {
  it("has Swedish and English words for every action the server records", () => {
    const actions = auditActions();
    expect(actions.size).toBeGreaterThan(40); // the scan found the code
    for (const [lang, bundle] of Object.entries(messages)) {
      const missing = [...actions].filter((a) => typeof lookup(bundle, `auditWords.actions.${a}`) !== "string");
      expect(missing, `auditWords.actions missing in ${lang}`).toEqual([]);
    }
  });

  it("reads an action it does not know as words, not as a code", () => {
    expect(actionFallback("user.invite_sent")).toBe("User invite sent");
  });
});
