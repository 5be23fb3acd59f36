import type { FieldProblemCode } from "../../../contract/errors.js";

// Networks as inclusive address ranges (organisation_networks stores first and last address), because
// RIPE's inetnum objects are `a - b` ranges that are often no single CIDR. Arithmetic is on bigint so
// IPv6 needs no special case; the owner index (owner-index.ts) keeps IPv4 as plain numbers for speed.
//
// Decisions: a CIDR with host bits set (`192.0.2.5/24`) is refused, not normalised — a staff member who
// typed it may have meant the one address or the whole network, and Fyr does not guess who owns what;
// the message names the network address. A bare address is its own /32 or /128. IPv4-mapped IPv6
// (`::ffff:192.0.2.1`) stays IPv6, as PostgreSQL's inet keeps it.

export type IpFamily = 4 | 6;

/** An inclusive range of one family: `first <= last`. */
export interface AddressRange {
  family: IpFamily;
  first: bigint;
  last: bigint;
}

const BITS = { 4: 32, 6: 128 } as const;
const MAX = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n } as const;

/** An address's family and value, or null when the text is not one address. */
export function parseAddress(text: string): { family: IpFamily; value: bigint } | null {
  const s = text.trim();
  if (s.includes(":")) {
    const v = parseIPv6(s);
    return v === null ? null : { family: 6, value: v };
  }
  const v = parseIPv4(s);
  return v < 0 ? null : { family: 4, value: BigInt(v) };
}

/** A dotted-quad IPv4 address as a number, or -1 (the owner index's hot path: no allocation). */
export function parseIPv4(s: string): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      // No leading zeros ("010" is octal to some parsers, decimal to others: refused).
      if (digits > 0 && part === 0) return -1;
      part = part * 10 + (c - 48);
      if (part > 255 || ++digits > 3) return -1;
    } else if (c === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + part;
}

/** An IPv6 address (RFC 4291 §2.2 forms: `::`, an embedded IPv4 tail) as a bigint, or null. */
export function parseIPv6(s: string): bigint | null {
  if (s.length > 45 || s.includes("%")) return null;
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groupsOf = (part: string): number[] | null => {
    if (part === "") return [];
    const out: number[] = [];
    const pieces = part.split(":");
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i] ?? "";
      if (i === pieces.length - 1 && p.includes(".")) {
        const v4 = parseIPv4(p);
        if (v4 < 0) return null;
        out.push(Math.floor(v4 / 65536), v4 % 65536);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return null;
        out.push(parseInt(p, 16));
      }
    }
    return out;
  };
  const head = groupsOf(halves[0] ?? "");
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? "") : [];
  if (head === null || tail === null) return null;
  let groups: number[];
  if (halves.length === 2) {
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return null;
    groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  } else groups = head;
  if (groups.length !== 8) return null;
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return value;
}

/** An address as text: dotted quad, or RFC 5952's canonical IPv6 (longest zero run as `::`). */
export function formatAddress(family: IpFamily, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join(".");
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLen).join(":")}`;
}

export type NetworkParse =
  { ok: true; range: AddressRange; label: string } | { ok: false; code: FieldProblemCode; message: string };

const fail = (code: FieldProblemCode, message: string): NetworkParse => ({ ok: false, code, message });

/**
 * A network as staff or an import give it: a CIDR, one address, or `first - last` (spaces optional).
 * The label is the CIDR when the range is exactly one, else `first - last`, both in canonical form.
 */
export function parseNetwork(text: string): NetworkParse {
  const s = text.trim();
  const dash = s.indexOf("-");
  if (dash >= 0) {
    const a = parseAddress(s.slice(0, dash));
    const b = parseAddress(s.slice(dash + 1));
    if (!a || !b) return fail("invalid_network", `"${s}" is not a range of two addresses`);
    if (a.family !== b.family) return fail("network_mixed_families", "one end is IPv4, the other IPv6");
    if (a.value > b.value) return fail("network_reversed", "the first address is after the last");
    const range = { family: a.family, first: a.value, last: b.value };
    return { ok: true, range, label: rangeLabel(range) };
  }
  const slash = s.indexOf("/");
  const address = parseAddress(slash >= 0 ? s.slice(0, slash) : s);
  if (!address) return fail("invalid_network", `"${s}" is not an address, CIDR or range`);
  const bits: number = BITS[address.family];
  let length = bits;
  if (slash >= 0) {
    const lengthText = s.slice(slash + 1);
    if (!/^\d{1,3}$/.test(lengthText)) return fail("invalid_prefix_length", "the prefix length is not a number");
    length = Number(lengthText);
    if (length > bits) return fail("invalid_prefix_length", `the prefix length is above ${bits}`);
  }
  const hostMask = (1n << BigInt(bits - length)) - 1n;
  if ((address.value & hostMask) !== 0n) {
    const network = formatAddress(address.family, address.value & ~hostMask & MAX[address.family]);
    return fail("network_host_bits", `host bits are set: the network is ${network}/${length}`);
  }
  const range = { family: address.family, first: address.value, last: address.value | hostMask };
  return { ok: true, range, label: rangeLabel(range) };
}

/** How a range is shown: its CIDR when it is exactly one, else `first - last`. */
export function rangeLabel(range: AddressRange): string {
  const cidrs = rangeToCidrs(range);
  if (cidrs.length === 1 && cidrs[0] !== undefined) return cidrs[0];
  return `${formatAddress(range.family, range.first)} - ${formatAddress(range.family, range.last)}`;
}

/** The fewest CIDRs that cover exactly the range, in address order. */
export function rangeToCidrs(range: AddressRange): string[] {
  const bits = BITS[range.family];
  const out: string[] = [];
  let first = range.first;
  while (first <= range.last) {
    // The largest block aligned at `first` that does not run past `last`.
    let size = bits;
    while (size > 0) {
      const block = 1n << BigInt(bits - size + 1);
      if ((first & (block - 1n)) !== 0n || first + block - 1n > range.last) break;
      size--;
    }
    out.push(`${formatAddress(range.family, first)}/${size}`);
    first += 1n << BigInt(bits - size);
  }
  return out;
}

/** Number of addresses in the range (the owner match ranks smaller ranges as more specific). */
export function rangeSize(range: AddressRange): bigint {
  return range.last - range.first + 1n;
}

/** The range of one address. */
export function addressRange(family: IpFamily, value: bigint): AddressRange {
  return { family, first: value, last: value };
}

/** Highest address of a family. */
export function maxAddress(family: IpFamily): bigint {
  return MAX[family];
}
