import { ADVICE_PLACEHOLDERS } from "../../../../contract/advice-templates.js";

// An advice template's text names facts of the incident in braces, "{reference}". The editor warns
// about braces that name nothing Fyr fills in, so a typo is caught before a reporter sees it.

const PLACEHOLDER = /\{([^{}\s]{1,60})\}/g;
const known = new Set<string>(ADVICE_PLACEHOLDERS);

/** The distinct placeholder names in a text that Fyr does not know, in order of appearance. */
export function unknownPlaceholders(...texts: string[]): string[] {
  const found: string[] = [];
  for (const text of texts) {
    for (const m of text.matchAll(PLACEHOLDER)) {
      const name = m[1] ?? "";
      if (!known.has(name) && !found.includes(name)) found.push(name);
    }
  }
  return found;
}

/** A placeholder as it is written in a template. */
export function placeholderToken(name: string): string {
  return `{${name}}`;
}
