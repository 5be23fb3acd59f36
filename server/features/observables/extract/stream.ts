import * as characters from "./characters.js";
import type { ExtractOptions } from "./extract.js";
import { isBareMarker } from "./refang.js";
import { scanText } from "./scan.js";
import { createCollector, type Extraction, type ValueSink } from "./sink.js";

// Streaming keeps one chunk plus a carry-over: the text after the chunk's last hard delimiter, which
// may be the start of a value the next chunk finishes. Cutting only after a hard delimiter keeps
// tokens whole, and no defang marker holds one, so each segment is read exactly as the whole text
// would be. A defanged token may be up to five times its refanged length ("[dot]" is one "."), hence
// the carry's cap; beyond it the token is skipped to its end, as the whole-text scanner skips it.
const MAX_CARRY = characters.MAX_DEFANGED_LENGTH + 16;
// A local copy: Vitest's module transform makes every call through an import a property read, which
// is slow in the per-character loops below.
const isHardDelimiter = characters.isHardDelimiter;
const TRAILING_ASN_WORD = /(?:AS|ASN:?)[ \t]*$/;
const NAMING_WORD_BEFORE = /(?:^|[^0-9A-Za-z_])(?:AS|ASN:?|CVE(?:[ \t]\d{4})?)[ \t]+$/i;

interface StreamState {
  carry: string;
  /** Inside a token too long to be a value: drop text up to the next hard delimiter. */
  skipping: boolean;
}

/** Where the token ending just before `end` starts (a non-delimiter run), or -1 if there is none. */
function tokenStartBefore(text: string, end: number): number {
  let start = end;
  while (start > 0 && !isHardDelimiter(text.charCodeAt(start - 1))) start--;
  return start === end ? -1 : start;
}

/** "." or a bare marker ("[.]", "(dot)", "[at]"): what joins its spaced neighbours ("evil [.] com"). */
function isJoiner(token: string): boolean {
  return token === "." || isBareMarker(token) !== null;
}

/**
 * The cut moved back so a value spelt over spaced words ("evil [.] com", "user [at] evil.se", "1.2.3 . 4",
 * "hxxp://evil[.]se /path") is never split: the whole-text scanner reads a token with its neighbours
 * across a space, so the last token before the cut waits, and so does every token of a join chain (or a
 * URL and its spaced path) ending there. Bounded by the carry's cap (a longer chain is cut where it is).
 */
function keepSpacedJoins(text: string, cut: number): number {
  let at = cut;
  for (;;) {
    // Only a space before the cut lets the token before it reach across.
    if (at < 2 || text.charCodeAt(at - 1) !== 32) return at;
    const start = tokenStartBefore(text, at - 1);
    if (start < 0 || cut - start > MAX_CARRY) return at;
    const token = text.slice(start, at - 1);
    at = start;
    // "ASN 1", "AS 3301", "CVE 2024 12345": the word naming the value waits with it.
    const named = NAMING_WORD_BEFORE.exec(text.slice(Math.max(0, at - 16), at));
    if (named) {
      // Back to the start of the token holding the word ("<hex>.ASN 1" is read as one token and its number).
      let word = at - named[0].length + (/^[^0-9A-Za-z_]/.test(named[0]) ? 1 : 0);
      while (word > 0 && !isHardDelimiter(text.charCodeAt(word - 1))) word--;
      if (cut - word > MAX_CARRY) return at;
      at = word;
    }
    // The token waits; the one before it too if either is a joiner (the chain goes on to its start).
    const before = tokenStartBefore(text, at - 1);
    if (at < 2 || text.charCodeAt(at - 1) !== 32 || before < 0) return at;
    // "hxxp://evil[.]se /path": a path after a space belongs to the URL before it.
    if (!isJoiner(token) && !isJoiner(text.slice(before, at - 1)) && token.charCodeAt(0) !== 47) return at;
  }
}

function lastHardDelimiter(text: string, from: number): number {
  for (let i = text.length - 1; i >= from; i--) if (isHardDelimiter(text.charCodeAt(i))) return i;
  return -1;
}

/**
 * Where to cut the text so everything before can be scanned now; "AS" before the cut waits for its
 * number. Only a carry left by that rule holds a delimiter, and it is short, so a long carry is not
 * searched again: tiny chunks cost no more than big ones.
 */
function safeCut(text: string, carryLength: number): number {
  // A line break ends every value and every spelling of one over words ("evil [.] com", "ASN 1",
  // "CVE 2024 12345", a URL and its spaced path): the scanner carries nothing across it. The carry
  // never holds one, so only the new text is searched.
  for (let i = text.length - 1; i >= carryLength && i >= text.length - MAX_CARRY; i--) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) return i + 1;
  }
  let cut = lastHardDelimiter(text, carryLength > 32 ? carryLength : 0) + 1;
  const tail = TRAILING_ASN_WORD.exec(text.slice(Math.max(0, cut - 16), cut));
  if (tail) {
    // Back to the start of the token holding "AS" ("(ASN:", or "<32 hex>.ASN" as fast-check found):
    // the whole token waits, as the whole-text scan reads it whole. Tokens past the carry's cap are
    // skipped by both, so the walk back is bounded by it.
    let start = cut - tail[0].length;
    for (let i = 0; i < MAX_CARRY && start > 0 && !isHardDelimiter(text.charCodeAt(start - 1)); i++) start--;
    if (start === 0 || isHardDelimiter(text.charCodeAt(start - 1))) cut = start;
  }
  // No line break near the end (one long line): cut at a space, but never inside a spelling over words.
  return keepSpacedJoins(text, cut);
}

function feed(state: StreamState, incoming: string, sink: ValueSink, final: boolean): void {
  let text = incoming;
  if (state.skipping) {
    let end = 0;
    while (end < text.length && !isHardDelimiter(text.charCodeAt(end))) end++;
    if (end === text.length) return;
    state.skipping = false;
    text = text.slice(end);
  }
  const carryLength = state.carry.length;
  text = state.carry + text;
  const cut = final ? text.length : safeCut(text, carryLength);
  if (cut > 0) scanText(text.slice(0, cut), sink);
  state.carry = text.slice(cut);
  if (state.carry.length > MAX_CARRY) {
    state.carry = "";
    state.skipping = true;
  }
}

/** The same over a stream of chunks (Buffer as UTF-8, or string) with bounded memory: one chunk plus a bounded carry-over. */
export async function extractFromStream(
  chunks: AsyncIterable<Buffer | string>,
  opts: ExtractOptions = {},
): Promise<Extraction> {
  const collector = createCollector(opts.maxValues);
  const decoder = new TextDecoder("utf-8");
  const state: StreamState = { carry: "", skipping: false };
  for await (const chunk of chunks) {
    // A string after bytes: flush the decoder first so no half character is carried across.
    const text = typeof chunk === "string" ? decoder.decode() + chunk : decoder.decode(chunk, { stream: true });
    feed(state, text, collector, false);
    if (collector.full) return collector.result();
  }
  feed(state, decoder.decode(), collector, true);
  return collector.result();
}
