// Frequent short words that tell Swedish and English text apart.
const SWEDISH = new Set([
  "och",
  "att",
  "det",
  "som",
  "en",
  "på",
  "är",
  "av",
  "för",
  "med",
  "har",
  "inte",
  "vi",
  "hej",
  "från",
  "till",
  "vår",
  "våra",
]);
const ENGLISH = new Set([
  "the",
  "and",
  "to",
  "of",
  "is",
  "in",
  "that",
  "we",
  "our",
  "have",
  "has",
  "not",
  "from",
  "with",
  "hello",
  "dear",
  "this",
]);

/** Guesses whether a mailed report is in Swedish or English; Swedish when unsure (the CERT's own language). */
export function guessLanguage(text: string): "sv" | "en" {
  let sv = 0;
  let en = 0;
  for (const word of text
    .toLowerCase()
    .slice(0, 20_000)
    .split(/[^\p{L}]+/u)) {
    if (SWEDISH.has(word)) sv++;
    else if (ENGLISH.has(word)) en++;
  }
  return en > sv * 2 && en >= 3 ? "en" : "sv";
}
