import { readdirSync, readFileSync } from "node:fs";
import { OBSERVABLE_TYPES, type TypedValue } from "../../../../contract/observables.js";
import { projectPath } from "../../../platform/paths.js";
import { extractObservables, parseObservable } from "./index.js";

// The extraction corpus (bench/extract-corpus/, its README says how cases are written) and its
// scorer: recall and precision per type, read by `npm run bench extract` and by corpus.test.ts.

export const CORPUS_DIR = projectPath("bench", "extract-corpus");

export interface CorpusCase {
  id: string;
  source: string;
  /** Which file and line the case starts on, for messages. */
  where: string;
  text: string;
  expect: TypedValue[];
  absent: TypedValue[];
}

const HEADER = /^=== (\S+) \| (\S+)\s*$/;

function parseValueLine(line: string, where: string): TypedValue {
  const space = line.indexOf(" ");
  const type = line.slice(0, space);
  if (space < 0 || !(OBSERVABLE_TYPES as readonly string[]).includes(type)) {
    throw new Error(`${where}: "${line}" is not "<type> <value>" with a known type`);
  }
  return { type: type as TypedValue["type"], value: line.slice(space + 1) };
}

/** The cases of one `.cases` file. */
export function parseCases(file: string, content: string): CorpusCase[] {
  const lines = content.split("\n");
  const cases: CorpusCase[] = [];
  let current: (CorpusCase & { section: "text" | "expect" | "absent"; textLines: string[] }) | null = null;
  const finish = (): void => {
    if (!current) return;
    if (current.section === "text") throw new Error(`${current.where}: no "--- expect" line`);
    const { section: _s, textLines, ...done } = current;
    cases.push({ ...done, text: textLines.join("\n") });
  };
  lines.forEach((line, i) => {
    const where = `${file}:${i + 1}`;
    const header = HEADER.exec(line);
    if (header) {
      finish();
      current = {
        id: header[1] ?? "",
        source: header[2] ?? "",
        where,
        text: "",
        expect: [],
        absent: [],
        section: "text",
        textLines: [],
      };
      return;
    }
    if (!current) return;
    if (line === "--- expect" || line === "--- absent") {
      current.section = line === "--- expect" ? "expect" : "absent";
      return;
    }
    if (current.section === "text") current.textLines.push(line);
    else if (line.trim() !== "") current[current.section].push(parseValueLine(line, where));
  });
  finish();
  return cases;
}

/** Every case of every `.cases` file in the corpus directory. */
export function loadCorpus(dir: string = CORPUS_DIR): CorpusCase[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".cases"))
    .sort();
  const cases = files.flatMap((f) => parseCases(f, readFileSync(`${dir}/${f}`, "utf8")));
  const ids = new Set<string>();
  for (const c of cases) {
    if (ids.has(c.id)) throw new Error(`${c.where}: case id ${c.id} is used twice`);
    ids.add(c.id);
  }
  return cases;
}

/** Expectations not written in normal form (reading the value back as its type must give it unchanged). */
export function abnormalExpectations(cases: readonly CorpusCase[]): string[] {
  const wrong: string[] = [];
  for (const c of cases) {
    for (const v of c.expect) {
      const back = parseObservable(v.value, v.type);
      if (back?.type !== v.type || back.value !== v.value) {
        wrong.push(`${c.id}: ${v.type} ${v.value} reads back as ${back ? `${back.type} ${back.value}` : "nothing"}`);
      }
    }
  }
  return wrong;
}

export interface TypeScore {
  type: string;
  expected: number;
  found: number;
  correct: number;
  recall: number;
  precision: number;
}

export interface CorpusScore {
  cases: number;
  values: number;
  byType: TypeScore[];
  overall: TypeScore;
  /** `case id: type value` of every expected value not found. */
  missed: string[];
  /** `case id: type value` of every value found and not expected. */
  extra: string[];
  /** Found values the case names as absent (they are in `extra` too). */
  forbidden: string[];
}

const key = (v: TypedValue): string => `${v.type} ${v.value}`;

function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}

/** Recall and precision of `extract` over the cases, per type and overall (micro-averaged). */
export function scoreCorpus(
  cases: readonly CorpusCase[],
  extract: (text: string) => TypedValue[] = extractObservables,
): CorpusScore {
  const counts = new Map<string, { expected: number; found: number; correct: number }>();
  const count = (type: string) => {
    let c = counts.get(type);
    if (!c) counts.set(type, (c = { expected: 0, found: 0, correct: 0 }));
    return c;
  };
  const missed: string[] = [];
  const extra: string[] = [];
  const forbidden: string[] = [];
  for (const c of cases) {
    const expected = new Set(c.expect.map(key));
    const absent = new Set(c.absent.map(key));
    const found = new Set(extract(c.text).map(key));
    for (const v of c.expect) {
      count(v.type).expected++;
      if (found.has(key(v))) count(v.type).correct++;
      else missed.push(`${c.id}: ${key(v)}`);
    }
    for (const f of found) {
      count(f.slice(0, f.indexOf(" "))).found++;
      if (!expected.has(f)) extra.push(`${c.id}: ${f}`);
      if (absent.has(f)) forbidden.push(`${c.id}: ${f}`);
    }
  }
  const score = (type: string, n: { expected: number; found: number; correct: number }): TypeScore => ({
    type,
    ...n,
    recall: ratio(n.correct, n.expected),
    precision: ratio(n.correct, n.found),
  });
  const byType = [...counts.entries()]
    .sort(([a], [b]) => OBSERVABLE_TYPES.indexOf(a as never) - OBSERVABLE_TYPES.indexOf(b as never))
    .map(([type, n]) => score(type, n));
  const total = { expected: 0, found: 0, correct: 0 };
  for (const n of counts.values()) {
    total.expected += n.expected;
    total.found += n.found;
    total.correct += n.correct;
  }
  return {
    cases: cases.length,
    values: total.expected,
    byType,
    overall: score("overall", total),
    missed,
    extra,
    forbidden,
  };
}

/** The per-type table as Markdown, percentages to one decimal. */
export function scoreTable(score: CorpusScore): string {
  const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
  const rows = [...score.byType, score.overall].map(
    (s) => `| ${s.type} | ${s.expected} | ${s.found} | ${s.correct} | ${pct(s.recall)} | ${pct(s.precision)} |`,
  );
  return [
    "| type | expected | found | correct | recall | precision |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}
