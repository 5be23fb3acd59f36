// How text is cut into tokens. Hard delimiters end a token (and a URL) wherever they are; inside a
// token, anything that is not a value character splits it into pieces. Brackets, `;` and `=` are soft:
// a URL may hold them, a domain or address may not. A backslash is soft too: Windows paths and
// registry keys are made of it, and escaped text (`evil\.com`, `http:\/\/`) hides values behind it.

/** Tokens longer than this are skipped whole (no observable is longer; a 10 MB base64 blob is no value). */
export const MAX_TOKEN_LENGTH = 4096;
/** The same before refanging: "[dot]" is five characters for one. */
export const MAX_DEFANGED_LENGTH = 5 * MAX_TOKEN_LENGTH;

/** Bits of CHARACTER_CLASS, one entry per UTF-16 code unit. */
export const HARD = 1;
/** `. : @ / \`: every value but hashes, identifiers and wallets holds one. */
export const TRIGGER = 2;
/** Hex digits: a hash is a run of 32 or more of them. */
export const HEX = 4;
/** Letters and digits of any script (IDN), `. - _ : @ / + % ~ $`. */
export const PIECE = 8;
/** `S`, `-` and closing brackets: the ends of "AS", "CVE-" and defang markers ("[.]", "(dot)"). */
export const WORD_END = 16;

/** Full stops of other scripts that IDNA reads as ".": 。 ． ｡ */
export const OTHER_DOTS = "\u3002\uff0e\uff61";

export const CHARACTER_CLASS = new Uint8Array(65_536);
for (let code = 128; code < 65_536; code++) {
  const hard =
    code === 0xa0 ||
    code === 0xab ||
    code === 0xbb ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x206f) ||
    (code >= 0x3000 && code <= 0x303f) ||
    code === 0xfeff ||
    code === 0xfffd;
  CHARACTER_CLASS[code] = hard ? HARD : PIECE;
}
for (let code = 0; code < 32; code++) CHARACTER_CLASS[code] = HARD;
CHARACTER_CLASS[127] = HARD;
for (const c of " \"'<>`|,") CHARACTER_CLASS[c.charCodeAt(0)] = HARD;
for (const c of "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_+%~$")
  CHARACTER_CLASS[c.charCodeAt(0)] = PIECE;
for (const c of ".:@/") CHARACTER_CLASS[c.charCodeAt(0)] = PIECE | TRIGGER;
CHARACTER_CLASS[92] = TRIGGER; // "\": splits pieces, but a path or an escape needs a look
for (const c of OTHER_DOTS) CHARACTER_CLASS[c.charCodeAt(0)] = PIECE | TRIGGER;
for (const c of "0123456789abcdefABCDEF") CHARACTER_CLASS[c.charCodeAt(0)] = PIECE | HEX;
for (const c of "S-") CHARACTER_CLASS[c.charCodeAt(0)] = PIECE | WORD_END;
for (const c of ")]}") CHARACTER_CLASS[c.charCodeAt(0)] = WORD_END;

/** Whitespace, quotes, angle brackets, `| ,` and Unicode spaces and punctuation. */
export function isHardDelimiter(code: number): boolean {
  return ((CHARACTER_CLASS[code] ?? 0) & HARD) !== 0;
}

/** A value character (letters and digits of any script, `. - _ : @ / + % ~ $`). */
export function isPiece(code: number): boolean {
  return ((CHARACTER_CLASS[code] ?? 0) & PIECE) !== 0;
}

/** Line ends bound every look beyond a token: each line reads the same whatever came before it. */
export function isLineEnd(code: number): boolean {
  return code === 10 || code === 13;
}
