import type { TypedValue } from "../../../../contract/observables.js";

// IP addresses and networks, parsed by hand: every check is anchored and bounded, so a hostile token
// costs at most its (capped) length.

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;
const IPV6_CHARS = /^[0-9A-Fa-f:.]{2,45}$/;
const PREFIX = /^(?:0|[1-9]\d{0,2})$/;

/** A dotted quad as an unsigned 32-bit number; null unless exactly four decimal octets. */
export function parseIPv4(text: string): number | null {
  const m = IPV4.exec(text);
  if (!m) return null;
  let address = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = m[i] ?? "";
    // 010 is 8 to inet_aton and 10 to most people: ambiguous, so not an address.
    if (octet.length > 1 && octet.startsWith("0")) return null;
    const value = Number(octet);
    if (value > 255) return null;
    address = address * 256 + value;
  }
  return address;
}

export function formatIPv4(address: number): string {
  return `${address >>> 24}.${(address >>> 16) & 255}.${(address >>> 8) & 255}.${address & 255}`;
}

function parseGroups(part: string, ipv4Allowed: boolean): number[] | null {
  if (part === "") return [];
  const groups = part.split(":");
  const words: number[] = [];
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i] ?? "";
    if (ipv4Allowed && i === groups.length - 1 && group.includes(".")) {
      const v4 = parseIPv4(group);
      if (v4 === null) return null;
      words.push(v4 >>> 16, v4 & 0xffff);
    } else if (HEX_GROUP.test(group)) {
      words.push(parseInt(group, 16));
    } else {
      return null;
    }
  }
  return words;
}

/** An IPv6 address as eight 16-bit words (RFC 4291 §2.2 text forms); null when it is not one. */
export function parseIPv6(text: string): number[] | null {
  if (!IPV6_CHARS.test(text)) return null;
  const halves = text.split("::");
  if (halves.length > 2) return null;
  if (halves.length === 1) {
    const words = parseGroups(text, true);
    return words && words.length === 8 ? words : null;
  }
  const head = parseGroups(halves[0] ?? "", false);
  const tail = parseGroups(halves[1] ?? "", true);
  if (!head || !tail || head.length + tail.length > 7) return null;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** RFC 5952 §4: lower case, no leading zeros, the longest run (first on a tie) of two or more zero words as "::"; §5: IPv4-mapped addresses end in a dotted quad. */
export function formatIPv6(words: readonly number[]): string {
  if (words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff) {
    return `::ffff:${formatIPv4(((words[6] ?? 0) * 65536 + (words[7] ?? 0)) >>> 0)}`;
  }
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

function maskIPv6(words: readonly number[], prefix: number): number[] {
  return words.map((w, i) => {
    const bits = Math.min(16, Math.max(0, prefix - i * 16));
    return bits === 0 ? 0 : w & ((0xffff << (16 - bits)) & 0xffff);
  });
}

/** A network in CIDR notation, moved to its network address; a /32 (v4) or /128 (v6) is the plain address. */
export function parseCidr(text: string): TypedValue | null {
  const slash = text.indexOf("/");
  if (slash < 0) return null;
  const prefixText = text.slice(slash + 1);
  if (!PREFIX.test(prefixText)) return null;
  const prefix = Number(prefixText);
  const address = text.slice(0, slash);
  if (address.includes(":")) {
    const words = parseIPv6(address);
    if (!words || prefix > 128) return null;
    if (prefix === 128) return { type: "ipv6", value: formatIPv6(words) };
    return { type: "cidr", value: `${formatIPv6(maskIPv6(words, prefix))}/${prefix}` };
  }
  const v4 = parseIPv4(address);
  if (v4 === null || prefix > 32) return null;
  if (prefix === 32) return { type: "ipv4", value: formatIPv4(v4) };
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { type: "cidr", value: `${formatIPv4((v4 & mask) >>> 0)}/${prefix}` };
}

/** A single address of either family, normalised; brackets around IPv6 (as in URLs) are allowed. */
export function parseIp(text: string): TypedValue | null {
  const v4 = parseIPv4(text);
  if (v4 !== null) return { type: "ipv4", value: formatIPv4(v4) };
  const inner = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const v6 = parseIPv6(inner);
  return v6 ? { type: "ipv6", value: formatIPv6(v6) } : null;
}
