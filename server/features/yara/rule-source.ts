// What a rule's YARA source declares, read without compiling it: the names of its rules (how a match is
// told back to the Fyr rule that holds it, since all rules are compiled together into one scanner and
// YARA-X reports matches by rule name only) and whether any is `global` (a global rule gates every rule
// compiled with it, so one analyst's rule would silence everyone else's).
//
// A small lexer is enough: in YARA, `/` only starts a comment or a regular expression (division is
// `\`), so skipping comments, text strings and regular expressions leaves words, and a rule is declared
// by `[private] [global] rule <name>`.

export interface DeclaredRules {
  /** Rules that can match (reported in scan results). */
  identifiers: string[];
  /** Private rules: they never show in results, but their names are taken all the same. */
  privateIdentifiers: string[];
  /** Some rule is declared `global`. */
  global: boolean;
}

const WORD_START = /[A-Za-z_]/;
const WORD_CHAR = /[A-Za-z0-9_]/;

/** Index just past the quoted text or regular expression starting at `start` (its opening delimiter). */
function skipDelimited(source: string, start: number, delimiter: string): number {
  let i = start + 1;
  while (i < source.length && source[i] !== delimiter && source[i] !== "\n") i += source[i] === "\\" ? 2 : 1;
  return i + 1;
}

/** The rules `source` declares, in order. */
export function declaredRules(source: string): DeclaredRules {
  const identifiers: string[] = [];
  const privateIdentifiers: string[] = [];
  let global = false;
  // Modifiers seen since the last token that was neither a modifier nor white space.
  let modifiers = new Set<string>();
  let expectName = false;
  let i = 0;
  while (i < source.length) {
    const c = source[i] ?? "";
    const next = source[i + 1] ?? "";
    if (c === "/" && next === "/") {
      const end = source.indexOf("\n", i);
      i = end === -1 ? source.length : end;
      continue;
    }
    if (c === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      i = end === -1 ? source.length : end + 2;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "/") {
      i = skipDelimited(source, i, c);
      while (i < source.length && /[a-z]/.test(source[i] ?? "")) i++; // regular expression flags
      modifiers = new Set();
      expectName = false;
      continue;
    }
    if (WORD_START.test(c)) {
      let end = i + 1;
      while (end < source.length && WORD_CHAR.test(source[end] ?? "")) end++;
      const word = source.slice(i, end);
      i = end;
      if (expectName) {
        (modifiers.has("private") ? privateIdentifiers : identifiers).push(word);
        if (modifiers.has("global")) global = true;
        expectName = false;
        modifiers = new Set();
      } else if (word === "rule") {
        expectName = true;
      } else if (word === "private" || word === "global") {
        modifiers.add(word);
      } else {
        modifiers = new Set();
      }
      continue;
    }
    // `$a`, `#a`, `@a`, `!a`: a string's name, never a declaration; punctuation ends a rule header.
    i++;
    modifiers = new Set();
    expectName = false;
  }
  return { identifiers, privateIdentifiers, global };
}

/** Where YARA-X's message places the problem (" --> line:5:3"), if it says. */
export function diagnosticPlace(message: string): { line: number; column: number } | null {
  const m = / --> line:(\d+):(\d+)/.exec(message);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
}
