import { cpus, loadavg } from "node:os";
import { scanObservables } from "../server/features/observables/extract/index.js";
import { loadCorpus, scoreCorpus, scoreTable } from "../server/features/observables/extract/corpus.test-fixtures.js";
import { freshText } from "./lib/fresh-values.js";
import { prng } from "./lib/stats.js";

// Issue 13: how well the extractor reads what analysts paste (recall and precision per type on the
// corpus in bench/extract-corpus/), and how fast: ≥ 40 MB/s of mixed text and ≥ 25 MB/s of text where
// every value is new, per core. ~50 MB of each, generated and held in memory, scanned on this one
// thread; then 10 MB of each pathological shape, which must stay linear. BENCH_EXTRACT_VERBOSE=1 lists
// every value the corpus expected and did not get, and every value found that it did not expect.
const MIXED_MB = Number(process.env.BENCH_EXTRACT_MB ?? 50);
const PATHOLOGICAL_MB = 10;
const TARGET_MIXED_MB_S = 40;
const TARGET_FRESH_MB_S = 25;

const random = prng(5);
const int = (n: number): number => Math.floor(random() * n);
const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
const hex = (n: number): string => Array.from({ length: n }, () => "0123456789abcdef"[int(16)]).join("");

const SWEDISH = (
  "vi har tagit emot en rapport om misstänkt intrång hos kommunen där angriparen skickade nätfiskemejl " +
  "till flera anställda och lösenord kan ha läckt incidenten är under utredning och vi återkommer med " +
  "mer information så snart som möjligt"
).split(" ");
const ENGLISH = (
  "the attacker used a phishing campaign against several employees credentials may have been exposed " +
  "the incident is being investigated and we will share more details as soon as possible please block " +
  "the indicators below"
).split(" ");
// Pools make addresses, domains and hashes come back as in real traffic; AS numbers, CVE ids and URL
// queries vary more: about 100,000 distinct values in 50 MB, more than a real archive holds.
const IPS = Array.from({ length: 3000 }, () => `${1 + int(222)}.${int(256)}.${int(256)}.${1 + int(254)}`);
const DOMAINS = Array.from(
  { length: 2000 },
  (_, i) =>
    `${pick(["login", "secure", "cdn", "mail", "update"])}-${i}.${pick(["com", "se", "net", "org", "ru", "info"])}`,
);
const HASHES = Array.from({ length: 1000 }, (_, i) => hex([32, 40, 64][i % 3] ?? 64));

function prose(words: readonly string[]): string {
  const n = 8 + int(20);
  const out = Array.from({ length: n }, () => pick(words));
  if (random() < 0.3) out.splice(int(n), 0, pick(DOMAINS));
  if (random() < 0.2) out.splice(int(n), 0, pick(IPS));
  return `${out.join(" ")}. `;
}

const LINES: readonly (() => string)[] = [
  () => prose(SWEDISH) + prose(SWEDISH) + "\n",
  () => prose(ENGLISH) + prose(ENGLISH) + "\n",
  () =>
    `2026-03-01T12:${10 + int(50)}:${10 + int(50)}Z fw01 sshd[${int(99999)}]: Failed password for root from ${pick(IPS)} port ${1024 + int(60000)} ssh2\n`,
  () =>
    `${pick(IPS)} - - [01/Mar/2026:12:00:00 +0100] "GET /wp-login.php?redirect_to=https://${pick(DOMAINS)}/x HTTP/1.1" 200 ${int(9999)} "-" "Mozilla/5.0"\n`,
  () => `sha256: ${pick(HASHES)}  dropper_${int(99)}.exe\n`,
  () =>
    `{"ts":"2026-03-01T12:00:00Z","src_ip":"${pick(IPS)}","dst_port":443,"url":"https://${pick(DOMAINS)}/a/b?c=${int(999)}","cve":"CVE-2024-${1000 + int(9000)}"}\n`,
  () =>
    `Received: from ${pick(DOMAINS)} ([${pick(IPS)}]) by mx.example.se; From: "Kundtjänst" <info@${pick(DOMAINS)}>\n`,
  () => `hxxps://${pick(DOMAINS).replace(".", "[.]")}/login ${pick(IPS).replace(/\./g, "[.]")} AS${1 + int(65000)}\n`,
];

export function mixedText(megabytes: number): string {
  const parts: string[] = [];
  let length = 0;
  while (length < megabytes * 1e6) {
    const line = pick(LINES)();
    parts.push(line);
    length += line.length;
  }
  return parts.join("");
}

/** The text cut at line ends into pieces of about `size` characters. */
function splitLines(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length;) {
    const end = text.indexOf("\n", start + size);
    const stop = end < 0 ? text.length : end + 1;
    pieces.push(text.slice(start, stop));
    start = stop;
  }
  return pieces;
}

const PATHOLOGICAL: Record<string, (n: number) => string> = {
  "one 10 MB line of letters": (n) => "a".repeat(n),
  "millions of dots": (n) => ".".repeat(n),
  "`a.` repeated, no spaces": (n) => "a.".repeat(n / 2),
  "`1.` repeated, no spaces": (n) => "1.".repeat(n / 2),
  "`a. ` repeated": (n) => "a. ".repeat(n / 3),
  "long run of hex": (n) => "f".repeat(n),
  "hex runs of 33 with spaces": (n) => `${"a1".repeat(16)}b `.repeat(n / 34),
  "deeply nested brackets": (n) => "(".repeat(n / 4) + "[" + "x.se" + "]".repeat(n / 4) + ")".repeat(n / 2 - 5),
  "defang markers, no spaces": (n) => "[.]".repeat(n / 3),
  "`http://` repeated, no spaces": (n) => "http://".repeat(n / 7),
  "`http://a.se/)` with spaces": (n) => "http://a.se/))))))) ".repeat(n / 20),
  "IPs joined by commas": (n) => "10.1.2.3,".repeat(n / 9),
  colons: (n) => ":".repeat(n),
  "`AS ` repeated": (n) => "AS ".repeat(n / 3),
};

interface Row {
  input: string;
  MB: number;
  ms: number;
  "MB/s": number;
  "CPU ms": number;
  "MB/s of CPU": number;
  values: number;
  /** MB/s of CPU as a share of the ceiling's over the same text, measured in the same run. */
  "of ceiling": string;
}

// Wall time is what a user waits; CPU time is the fairer figure on a shared machine (it leaves out
// time spent waiting for a core), so both are printed.
function measure(input: string, texts: readonly string[], run: (text: string) => number = extract): Row {
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  let values = 0;
  for (const text of texts) values += run(text);
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const mb = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / 1e6;
  return {
    input,
    MB: Math.round(mb),
    ms: Math.round(ms),
    "MB/s": Math.round(mb / (ms / 1000)),
    "CPU ms": Math.round(cpuMs),
    "MB/s of CPU": Math.round(mb / (cpuMs / 1000)),
    values,
    "of ceiling": "",
  };
}

const extract = (text: string): number => scanObservables(text, { maxValues: 1_000_000 }).values.length;

// Ceilings: what any pass over the same text costs on this machine now, so a busy or slow machine
// shows in the ratio rather than hiding in the MB/s. A regular expression finding the characters the
// scanner stops at (`. : @ / \` and the whitespace between tokens), and a UTF-8 decode of the text's
// bytes (TextDecoder), which an attachment read from disk pays before extraction starts.
const STOPS = /[.:@/\\\s]/g;
function regexScan(text: string): number {
  let n = 0;
  STOPS.lastIndex = 0;
  while (STOPS.exec(text) !== null) n++;
  return n;
}
const decoder = new TextDecoder();
function decodeCeiling(input: string, text: string): Row {
  const bytes = Buffer.from(text);
  return measure(input, [text], () => decoder.decode(bytes).length);
}

/** The row with its share of the ceiling row's MB per CPU-second. */
function against(row: Row, ceiling: Row): Row {
  return { ...row, "of ceiling": `${Math.round((100 * row["MB/s of CPU"]) / ceiling["MB/s of CPU"])} %` };
}

const COLUMNS = ["input", "MB", "ms", "MB/s", "CPU ms", "MB/s of CPU", "values", "of ceiling"] as const;

function markdown(rows: readonly Row[]): string {
  const line = (cells: readonly (string | number)[]): string => `| ${cells.join(" | ")} |`;
  return [line(COLUMNS), line(COLUMNS.map(() => "---")), ...rows.map((r) => line(COLUMNS.map((c) => r[c])))].join("\n");
}

function corpusScore(): void {
  const score = scoreCorpus(loadCorpus());
  console.log(`\nExtraction corpus: ${score.cases} cases, ${score.values} expected values (bench/extract-corpus/)`);
  console.log(scoreTable(score));
  if (process.env.BENCH_EXTRACT_VERBOSE === "1") {
    console.log(`\nmissed (${score.missed.length}):\n${score.missed.join("\n")}`);
    console.log(`\nnot expected (${score.extra.length}):\n${score.extra.join("\n")}`);
  }
  if (score.forbidden.length > 0) console.log(`\nvalues a case names as absent:\n${score.forbidden.join("\n")}`);
}

function verdict(row: Row | undefined, target: number): string {
  if (!row) return "";
  const met = row["MB/s of CPU"] >= target ? "met" : "NOT met";
  return `${row["MB/s"]} MB/s wall, ${row["MB/s of CPU"]} MB per CPU-second (${row["of ceiling"]} of the ceiling); target ${target} MB/s per core: ${met}`;
}

/** Prints the corpus's recall and precision, then MB/s of extraction over mixed text, fresh values and pathological inputs. */
export async function extractBench(): Promise<Row[]> {
  corpusScore();
  const text = mixedText(MIXED_MB);
  const fresh = freshText(MIXED_MB);
  measure("warm-up", [mixedText(5), freshText(5)]);
  measure("warm-up", [mixedText(5), freshText(5)], regexScan);
  const mixedCeiling = measure("ceiling: regex scan for `. : @ / \\` and spaces, mixed text", [text], regexScan);
  const freshCeiling = measure("ceiling: the same regex scan, fresh values", [fresh], regexScan);
  const rows = [
    against(measure(`mixed text, one string (target ≥ ${TARGET_MIXED_MB_S} MB/s)`, [text]), mixedCeiling),
    // How the server calls it: one report, mail or attachment at a time.
    against(measure("the same as 1 MB documents", splitLines(text, 1e6)), mixedCeiling),
    against(measure(`fresh values, one string (target ≥ ${TARGET_FRESH_MB_S} MB/s)`, [fresh]), freshCeiling),
    against(measure("fresh values as 1 MB documents", splitLines(fresh, 1e6)), freshCeiling),
    { ...mixedCeiling, "of ceiling": "100 %" },
    { ...freshCeiling, "of ceiling": "100 %" },
    decodeCeiling("ceiling: UTF-8 decode (TextDecoder), mixed text", text),
    decodeCeiling("ceiling: UTF-8 decode (TextDecoder), fresh values", fresh),
  ];
  for (const [name, make] of Object.entries(PATHOLOGICAL)) rows.push(measure(name, [make(PATHOLOGICAL_MB * 1e6)]));
  const mixedRow = rows[0];
  const freshRow = rows[2];
  console.log("\nObservable extraction, one thread");
  console.log(markdown(rows));
  console.log(`\nmixed text: ${verdict(mixedRow, TARGET_MIXED_MB_S)}`);
  console.log(`fresh values: ${verdict(freshRow, TARGET_FRESH_MB_S)}`);
  console.log(
    `load average while running: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(", ")} on ${cpus().length} cores`,
  );
  return rows;
}
