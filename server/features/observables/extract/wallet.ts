import { createHash } from "node:crypto";
import type { TypedValue } from "../../../../contract/observables.js";
import { keccak256 } from "./keccak.js";

// Cryptocurrency addresses, taken only when their checksum holds: a random base58 word passes a
// 32-bit checksum once in four billion, so a wallet found is a wallet (ransom notes, sextortion mail).
// Bitcoin: base58check (P2PKH "1…", P2SH "3…", BIP 13) and segwit (bech32 "bc1q…", BIP 173; bech32m
// "bc1p…", BIP 350). Monero: its own block base58 with a Keccak-256 checksum (standard "4…",
// subaddress "8…", integrated "4…" of 106 characters). Main networks only.

const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;
const BASE58 = /^[1-9A-HJ-NP-Za-km-z]+$/;

/** Big-endian base58 (Bitcoin's), leading "1"s as zero bytes; null on a character outside the alphabet. */
function decodeBase58(text: string): Uint8Array | null {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let carry = DIGIT[text.charCodeAt(i)] ?? -1;
    if (carry < 0) return null;
    for (let j = 0; j < bytes.length; j++) {
      carry += (bytes[j] as number) * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    for (; carry > 0; carry >>= 8) bytes.push(carry & 0xff);
  }
  for (let i = 0; i < text.length && text[i] === "1"; i++) bytes.push(0);
  return Uint8Array.from(bytes.reverse());
}

const sha256 = (data: Uint8Array): Buffer => createHash("sha256").update(data).digest();

function base58CheckAddress(text: string): boolean {
  if (text.length < 26 || text.length > 35 || (text[0] !== "1" && text[0] !== "3") || !BASE58.test(text)) return false;
  const bytes = decodeBase58(text);
  if (bytes === null || bytes.length !== 25 || (bytes[0] !== 0x00 && bytes[0] !== 0x05)) return false;
  const check = sha256(sha256(bytes.subarray(0, 21)));
  return check.compare(bytes, 21, 25, 0, 4) === 0;
}

const CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const BECH32 = 1;
const BECH32M = 0x2bc830a3;
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: readonly number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ (GENERATOR[i] as number)) >>> 0;
  }
  return chk;
}

/** A segwit address on Bitcoin's main network (hrp "bc"), lower-cased; null when its checksum or program is wrong. */
function segwitAddress(text: string): string | null {
  if (text.length < 14 || text.length > 74) return null;
  const lower = text.toLowerCase();
  if (text !== lower && text !== text.toUpperCase()) return null;
  if (!lower.startsWith("bc1")) return null;
  const data: number[] = [];
  for (let i = 3; i < lower.length; i++) {
    const v = CHARSET.indexOf(lower.charAt(i));
    if (v < 0) return null;
    data.push(v);
  }
  const version = data[0] ?? -1;
  if (version < 0 || version > 16 || data.length < 7) return null;
  const expected = version === 0 ? BECH32 : BECH32M;
  if (polymod([3, 3, 0, 2, 3, ...data]) !== expected) return null; // hrp "bc" expanded
  // The witness program: 5-bit groups back to bytes, no leftover bits of value.
  let acc = 0;
  let bits = 0;
  let length = 0;
  for (const v of data.slice(1, -6)) {
    acc = (acc << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      length++;
    }
  }
  if (bits >= 5 || (acc & ((1 << bits) - 1)) !== 0) return null;
  if (length < 2 || length > 40 || (version === 0 && length !== 20 && length !== 32)) return null;
  return lower;
}

/** Bytes per full block and the characters a block of n bytes takes (Monero's base58). */
const BLOCK_CHARS = [0, 2, 3, 5, 6, 7, 9, 10, 11];

function decodeMoneroBase58(text: string): Uint8Array | null {
  const full = Math.floor(text.length / 11);
  const lastChars = text.length % 11;
  const lastBytes = BLOCK_CHARS.indexOf(lastChars);
  if (lastBytes < 0) return null;
  const out = new Uint8Array(full * 8 + lastBytes);
  for (let block = 0; block <= full; block++) {
    const chars = block < full ? 11 : lastChars;
    const size = block < full ? 8 : lastBytes;
    if (chars === 0) continue;
    let value = 0n;
    for (let i = 0; i < chars; i++) {
      const digit = DIGIT[text.charCodeAt(block * 11 + i)] ?? -1;
      if (digit < 0) return null;
      value = value * 58n + BigInt(digit);
    }
    if (value >> BigInt(8 * size) !== 0n) return null;
    for (let i = size - 1; i >= 0; i--) {
      out[block * 8 + i] = Number(value & 0xffn);
      value >>= 8n;
    }
  }
  return out;
}

/** Network bytes of Monero's main network: standard address, integrated address, subaddress. */
const MONERO_PREFIXES = new Set([18, 19, 42]);

function moneroAddress(text: string): boolean {
  if ((text.length !== 95 && text.length !== 106) || (text[0] !== "4" && text[0] !== "8")) return false;
  const bytes = decodeMoneroBase58(text);
  if (bytes === null || !MONERO_PREFIXES.has(bytes[0] ?? -1)) return false;
  if ((bytes[0] === 19) !== (text.length === 106)) return false;
  const body = bytes.subarray(0, bytes.length - 4);
  const check = keccak256(body);
  for (let i = 0; i < 4; i++) if (check[i] !== bytes[body.length + i]) return false;
  return true;
}

/** A Bitcoin or Monero address with a valid checksum, or null. */
export function parseWallet(text: string): TypedValue | null {
  const first = text.charCodeAt(0);
  if (first === 98 || first === 66) {
    const segwit = segwitAddress(text);
    return segwit === null ? null : { type: "btc", value: segwit };
  }
  if (text.length <= 35) return base58CheckAddress(text) ? { type: "btc", value: text } : null;
  return moneroAddress(text) ? { type: "xmr", value: text } : null;
}

/** Could this be a wallet address (length and first character)? A cheap look before the checksum. */
export function mayBeWallet(text: string): boolean {
  const first = text.charCodeAt(0);
  const n = text.length;
  if (first === 49 || first === 51) return n >= 26 && n <= 35; // "1", "3"
  if (first === 98 || first === 66) return n >= 14 && n <= 74 && (text.charCodeAt(1) | 32) === 99; // "bc"
  if (first === 52 || first === 56) return n === 95 || n === 106; // "4", "8"
  return false;
}

// Writers for test data (the corpus and the property tests need valid addresses of their own).

function encodeBase58(bytes: Uint8Array): string {
  const digits: number[] = [];
  for (const byte of bytes) {
    let carry = byte;
    for (let j = 0; j < digits.length; j++) {
      carry += (digits[j] as number) << 8;
      digits[j] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    for (; carry > 0; carry = Math.floor(carry / 58)) digits.push(carry % 58);
  }
  let out = "";
  for (let i = 0; i < bytes.length && bytes[i] === 0; i++) out += "1";
  for (let i = digits.length - 1; i >= 0; i--) out += ALPHABET[digits[i] as number];
  return out;
}

/** A base58check address from a version byte (0 or 5) and 20 bytes of hash. */
export function writeBase58Check(version: number, hash: Uint8Array): string {
  const payload = Uint8Array.from([version, ...hash]);
  const check = sha256(sha256(payload)).subarray(0, 4);
  return encodeBase58(Uint8Array.from([...payload, ...check]));
}

/** A segwit address (hrp "bc") from a witness version and program. */
export function writeSegwit(version: number, program: Uint8Array): string {
  const data = [version];
  let acc = 0;
  let bits = 0;
  for (const byte of program) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      data.push((acc >> bits) & 31);
    }
  }
  if (bits > 0) data.push((acc << (5 - bits)) & 31);
  const mod = polymod([3, 3, 0, 2, 3, ...data, 0, 0, 0, 0, 0, 0]) ^ (version === 0 ? BECH32 : BECH32M);
  const check = Array.from({ length: 6 }, (_, i) => (mod >>> (5 * (5 - i))) & 31);
  return `bc1${[...data, ...check].map((v) => CHARSET[v]).join("")}`;
}

/** A Monero address from a network byte (18, 19, 42) and its keys (64 bytes; 72 with a payment id). */
export function writeMonero(prefix: number, keys: Uint8Array): string {
  const body = Uint8Array.from([prefix, ...keys]);
  const bytes = Uint8Array.from([...body, ...keccak256(body).subarray(0, 4)]);
  let out = "";
  for (let block = 0; block < bytes.length; block += 8) {
    const chunk = bytes.subarray(block, block + 8);
    let value = 0n;
    for (const byte of chunk) value = (value << 8n) | BigInt(byte);
    let text = "";
    for (let i = 0; i < (BLOCK_CHARS[chunk.length] ?? 0); i++) {
      text = (ALPHABET[Number(value % 58n)] ?? "") + text;
      value /= 58n;
    }
    out += text;
  }
  return out;
}
