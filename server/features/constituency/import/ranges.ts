// Address ranges as an import reads them: a RIPE inetnum (`a - b`, or a CIDR), an inet6num (a prefix), a
// CSV cell (either). Written on char codes for the import's hot path (millions of inetnums, where the
// registry's bigint parser in ../ranges.ts would dominate the run); rpsl.test.ts holds the two to the same
// answer wherever both accept a network. One difference on purpose: a CIDR with host bits set is taken as
// its network here (registries hold such objects), while staff input is refused.

/** An inclusive range as stored (first and last address as text) and its label (CIDR when exactly one). */
export interface ImportRange {
  first: string;
  last: string;
  label: string;
}

/** The dotted quad `text[start, end)` as a number, or -1. */
function ipv4At(text: string, start: number, end: number): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      // No leading zeros ("010" is octal to some readers): RIPE writes none.
      if (digits > 0 && part === 0) return -1;
      part = part * 10 + (c - 48);
      digits += 1;
      if (part > 255) return -1;
    } else if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots += 1;
    } else return -1;
  }
  if (digits === 0 || dots !== 3) return -1;
  return value * 256 + part;
}

const ipv4Text = (n: number): string => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

/** The prefix length when [first, last] is exactly one CIDR block, else -1. */
function ipv4PrefixLength(first: number, last: number): number {
  const size = last - first + 1;
  const length = 32 - Math.log2(size);
  // A power of two (log2 of one is exact), and first aligned to it.
  return Number.isInteger(length) && first % size === 0 ? length : -1;
}

function ipv4Range(first: number, last: number): ImportRange | string {
  if (first > last) return "the range starts after it ends";
  const length = ipv4PrefixLength(first, last);
  const a = ipv4Text(first);
  const b = ipv4Text(last);
  return { first: a, last: b, label: length >= 0 ? `${a}/${length}` : `${a} - ${b}` };
}

/** 8 groups of 16 bits, or null. */
function ipv6Groups(input: string): number[] | null {
  if (input.length < 2 || input.length > 45) return null;
  let text = input;
  const lastColon = text.lastIndexOf(":");
  if (text.indexOf(".", lastColon) >= 0) {
    // An embedded IPv4 address ("::ffff:192.0.2.1") is its two last groups.
    const v4 = ipv4At(text, lastColon + 1, text.length);
    if (v4 < 0) return null;
    text = `${text.slice(0, lastColon + 1)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === "") return [];
    const out: number[] = [];
    for (const group of part.split(":")) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
      out.push(parseInt(group, 16));
    }
    return out;
  };
  const left = parse(halves[0] ?? "");
  const right = halves.length === 2 ? parse(halves[1] ?? "") : [];
  if (left === null || right === null) return null;
  const given = left.length + right.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return null;
  return [...left, ...new Array<number>(8 - given).fill(0), ...right];
}

const ipv6Text = (groups: number[]): string => {
  // RFC 5952: lower case, no leading zeros, the longest run of two or more zero groups as "::".
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > bestLength) {
      best = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLength).join(":")}`;
};

function ipv6Prefix(address: string, length: number): ImportRange | string {
  const groups = ipv6Groups(address);
  if (groups === null) return "not an IPv6 address";
  if (!(length >= 0 && length <= 128)) return "the prefix length must be 0–128";
  const first = [...groups];
  const last = [...groups];
  for (let g = 0; g < 8; g += 1) {
    const keep = Math.max(0, Math.min(16, length - g * 16));
    const mask = keep === 0 ? 0 : (0xffff << (16 - keep)) & 0xffff;
    first[g] = (groups[g] ?? 0) & mask;
    last[g] = ((groups[g] ?? 0) & mask) | (~mask & 0xffff);
  }
  const a = ipv6Text(first);
  return { first: a, last: ipv6Text(last), label: `${a}/${length}` };
}

/** A range or an error message: `a - b` (IPv4), `a/len` (IPv4 or IPv6), or one address. */
export function parseImportRange(text: string): ImportRange | string {
  const value = text.trim();
  const dash = value.indexOf("-");
  if (dash >= 0) {
    let s = dash;
    while (s > 0 && value.charCodeAt(s - 1) === 32) s -= 1;
    let e = dash + 1;
    while (e < value.length && value.charCodeAt(e) === 32) e += 1;
    if (value.includes(":")) {
      const a = ipv6Groups(value.slice(0, s));
      const b = ipv6Groups(value.slice(e));
      if (a === null || b === null) return "not an address range (`a - b`)";
      for (let g = 0; g < 8; g += 1) {
        if ((a[g] ?? 0) < (b[g] ?? 0)) break;
        if ((a[g] ?? 0) > (b[g] ?? 0)) return "the range starts after it ends";
      }
      return { first: ipv6Text(a), last: ipv6Text(b), label: `${ipv6Text(a)} - ${ipv6Text(b)}` };
    }
    const first = ipv4At(value, 0, s);
    const last = ipv4At(value, e, value.length);
    if (first < 0 || last < 0) return "not an address range (`a - b`)";
    return ipv4Range(first, last);
  }
  const slash = value.indexOf("/");
  const address = slash < 0 ? value : value.slice(0, slash);
  const lengthText = slash < 0 ? "" : value.slice(slash + 1);
  if (slash >= 0 && !/^\d{1,3}$/.test(lengthText)) return "the prefix length is not a number";
  if (address.includes(":")) return ipv6Prefix(address, slash < 0 ? 128 : Number(lengthText));
  const first = ipv4At(address, 0, address.length);
  if (first < 0) return "not an IP address or network";
  const length = slash < 0 ? 32 : Number(lengthText);
  if (length > 32) return "the prefix length must be 0–32";
  const size = 2 ** (32 - length);
  // A CIDR with host bits set (192.0.2.1/24) is taken as its network, as PostgreSQL's cidr would refuse.
  const network = Math.floor(first / size) * size;
  return ipv4Range(network, network + size - 1);
}
