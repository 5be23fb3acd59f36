import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FIELD_PROBLEM_CODES, PROBLEM_CODES } from "../../../contract/errors.js";
import { KNOWN_ERROR_CODES } from "../api/errors.js";
import { ROLES } from "../api/types.js";
import { messages } from "./messages.js";
import { portalMessages } from "./portal-messages.js";

const WEB = fileURLToPath(new URL("../../", import.meta.url));

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const languages = { sv: flatten(messages.sv as Tree), en: flatten(messages.en as Tree) };

function has(lang: Map<string, string>, key: string): boolean {
  return lang.has(key) || lang.has(`${key}_one`) || lang.has(`${key}_other`);
}

function hasFamily(lang: Map<string, string>, prefix: string): boolean {
  return [...lang.keys()].some((k) => k.startsWith(`${prefix}.`));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".test.ts") ? [path] : [];
  });
}

// t("a.b") or t('a.b') with a literal key; template keys are checked by their fixed prefix.
const LITERAL = /\bt\(\s*["']([^"']+)["']/g;
const TEMPLATE = /\bt\(\s*`([^`$]*)\$\{/g;

function usedKeys(dirs: string[] = [WEB]): { literal: [string, string][]; prefixes: [string, string][] } {
  const literal: [string, string][] = [];
  const prefixes: [string, string][] = [];
  for (const file of dirs.flatMap(sourceFiles)) {
    const text = readFileSync(file, "utf8");
    const where = relative(WEB, file);
    for (const m of text.matchAll(LITERAL)) if (m[1]) literal.push([m[1], where]);
    for (const m of text.matchAll(TEMPLATE)) if (m[1]) prefixes.push([m[1].replace(/\.$/, ""), where]);
  }
  return { literal, prefixes };
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? "").sort();
}

describe("translations", () => {
  it("have the same keys in Swedish and English", () => {
    const svKeys = [...languages.sv.keys()];
    const enKeys = [...languages.en.keys()];
    expect(
      svKeys.filter((k) => !languages.en.has(k)),
      "in sv.json but not en.json",
    ).toEqual([]);
    expect(
      enKeys.filter((k) => !languages.sv.has(k)),
      "in en.json but not sv.json",
    ).toEqual([]);
  });

  it("have no empty texts and use the same placeholders in both languages", () => {
    for (const [key, svText] of languages.sv) {
      const enText = languages.en.get(key) ?? "";
      expect(svText.trim(), `sv ${key}`).not.toBe("");
      expect(enText.trim(), `en ${key}`).not.toBe("");
      expect(placeholders(enText), `placeholders of ${key}`).toEqual(placeholders(svText));
    }
  });

  it('contain every key the source uses with t("…")', () => {
    const { literal, prefixes } = usedKeys();
    expect(literal.length).toBeGreaterThan(50); // the scan found the code
    for (const [name, lang] of Object.entries(languages)) {
      const missing = literal.filter(([key]) => !has(lang, key)).map(([key, file]) => `${key} (${file})`);
      expect(missing, `missing in ${name}.json`).toEqual([]);
      const missingFamilies = prefixes.filter(([p]) => !hasFamily(lang, p)).map(([p, file]) => `${p}.* (${file})`);
      expect(missingFamilies, `missing families in ${name}.json`).toEqual([]);
    }
  });

  it("give the portal, which loads its own catalogue, every key its screens use", () => {
    const { literal, prefixes } = usedKeys([join(WEB, "portal"), join(WEB, "lib/intake")]);
    expect(literal.length).toBeGreaterThan(20);
    for (const [name, tree] of Object.entries(portalMessages)) {
      const lang = flatten(tree as Tree);
      const missing = literal.filter(([key]) => !has(lang, key)).map(([key, file]) => `${key} (${file})`);
      expect(missing, `missing in the portal's ${name}`).toEqual([]);
      const families = prefixes.filter(([p]) => !hasFamily(lang, p)).map(([p, file]) => `${p}.* (${file})`);
      expect(families, `missing families in the portal's ${name}`).toEqual([]);
    }
  });

  it("word every problem code the server can answer (contract/errors.ts) and every field code", () => {
    for (const code of Object.keys(PROBLEM_CODES)) expect(KNOWN_ERROR_CODES, code).toContain(code);
  });

  it("word every role and every server error code the console knows", () => {
    for (const lang of Object.values(languages)) {
      for (const role of ROLES) {
        expect(lang.has(`roles.${role}`), `roles.${role}`).toBe(true);
        expect(lang.has(`roleHelp.${role}`), `roleHelp.${role}`).toBe(true);
      }
      for (const code of KNOWN_ERROR_CODES) expect(lang.has(`errors.${code}`), `errors.${code}`).toBe(true);
      for (const code of Object.keys(FIELD_PROBLEM_CODES))
        expect(lang.has(`fieldErrors.${code}`), `fieldErrors.${code}`).toBe(true);
      for (const status of ["queued", "sent", "kept", "failed"])
        expect(lang.has(`outbox.statuses.${status}`)).toBe(true);
    }
  });
});
