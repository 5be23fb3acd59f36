import { readFileSync } from "node:fs";
import { isIP } from "node:net";

// IP address → AS number and AS name, offline, from @ip-location-db/asn's range files (RouteViews, the
// five RIRs and DB-IP merged; CC BY 4.0). ~410,000 IPv4 and ~100,000 IPv6 ranges are held as sorted typed
// arrays (starts, ends, AS numbers, an index into one array of distinct names), about 10 MB instead of the
// ~150 MB the same rows cost as objects, and a lookup is one binary search.

/** What the table says about an address. */
export interface AsnHit {
  asn: number;
  name: string;
}

/**
 * A few ranges in the files overlap (a provider's block holding a customer's). The search finds the last
 * range starting at or before the address; when that one ends before it, an enclosing range is at most a
 * few entries back.
 */
const LOOK_BACK = 8;

interface Ranges {
  /** IPv4: one word per range. IPv6: four words per range, most significant first. */
  starts: Uint32Array;
  ends: Uint32Array;
  asns: Uint32Array;
  names: Uint32Array;
  count: number;
  words: 1 | 4;
}

export interface AsnTable {
  lookup(ip: string): AsnHit | null;
  /** Ranges held per family, for the measurement. */
  readonly sizes: { ipv4: number; ipv6: number };
}

/** Reads the two `*-num.csv` files (`start,end,asn,name`, numbers in decimal) into the table. */
export function loadAsnTable(files: { ipv4: string; ipv6: string }): AsnTable {
  const names: string[] = [];
  const nameIds = new Map<string, number>();
  const nameOf = (name: string) => {
    let id = nameIds.get(name);
    if (id === undefined) {
      id = names.length;
      names.push(name);
      nameIds.set(name, id);
    }
    return id;
  };
  const v4 = readRanges(readFileSync(files.ipv4, "utf8"), 1, nameOf);
  const v6 = readRanges(readFileSync(files.ipv6, "utf8"), 4, nameOf);
  // One flat copy of the names with their offsets: names sliced from the files' text would keep both
  // files (45 MB of strings) alive. Built apart from this scope, which the loader's closures hold.
  const offsets = new Uint32Array(names.length + 1);
  names.forEach((name, i) => (offsets[i + 1] = (offsets[i] ?? 0) + name.length));
  return tableOver(v4, v6, Buffer.from(names.join(""), "utf16le").toString("utf16le"), offsets);
}

function tableOver(v4: Ranges, v6: Ranges, joined: string, offsets: Uint32Array): AsnTable {
  return {
    sizes: { ipv4: v4.count, ipv6: v6.count },
    lookup(ip) {
      const family = isIP(ip);
      const key = family === 4 ? ipv4Words(ip) : family === 6 ? ipv6Words(ip) : null;
      if (key === null) return null;
      const ranges = family === 4 ? v4 : v6;
      const i = find(ranges, key);
      if (i < 0) return null;
      const id = ranges.names[i] ?? 0;
      return { asn: ranges.asns[i] ?? 0, name: joined.slice(offsets[id] ?? 0, offsets[id + 1] ?? 0) };
    },
  };
}

function readRanges(text: string, words: 1 | 4, nameOf: (name: string) => number): Ranges {
  let lines = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) lines++;
  lines++;
  const starts = new Uint32Array(lines * words);
  const ends = new Uint32Array(lines * words);
  const asns = new Uint32Array(lines);
  const nameIds = new Uint32Array(lines);
  let n = 0;
  let sorted = true;
  for (let from = 0; from < text.length;) {
    let to = text.indexOf("\n", from);
    if (to < 0) to = text.length;
    const c1 = text.indexOf(",", from);
    const c2 = text.indexOf(",", c1 + 1);
    const c3 = text.indexOf(",", c2 + 1);
    if (c1 > from && c3 > c2 && c3 < to) {
      writeNumber(starts, n * words, words, text.slice(from, c1));
      writeNumber(ends, n * words, words, text.slice(c1 + 1, c2));
      asns[n] = Number(text.slice(c2 + 1, c3));
      nameIds[n] = nameOf(unquote(text.slice(c3 + 1, to).replace(/\r$/, "")));
      if (n > 0 && compareAt(starts, (n - 1) * words, starts, n * words, words) > 0) sorted = false;
      n++;
    }
    from = to + 1;
  }
  const ranges: Ranges = { starts, ends, asns, names: nameIds, count: n, words };
  return sorted ? ranges : sortRanges(ranges);
}

/** RFC 4180 quoting as the files use it for names holding commas or quotes. */
function unquote(cell: string): string {
  return cell.startsWith('"') && cell.endsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
}

function writeNumber(into: Uint32Array, at: number, words: 1 | 4, decimal: string): void {
  if (words === 1) {
    into[at] = Number(decimal);
    return;
  }
  let v = BigInt(decimal);
  for (let w = 3; w >= 0; w--) {
    into[at + w] = Number(v & 0xffffffffn);
    v >>= 32n;
  }
}

function compareAt(a: Uint32Array, ai: number, b: Uint32Array, bi: number, words: number): number {
  for (let w = 0; w < words; w++) {
    const d = (a[ai + w] ?? 0) - (b[bi + w] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function sortRanges(r: Ranges): Ranges {
  const order = Array.from({ length: r.count }, (_, i) => i);
  order.sort((x, y) => compareAt(r.starts, x * r.words, r.starts, y * r.words, r.words));
  const out: Ranges = {
    starts: new Uint32Array(r.count * r.words),
    ends: new Uint32Array(r.count * r.words),
    asns: new Uint32Array(r.count),
    names: new Uint32Array(r.count),
    count: r.count,
    words: r.words,
  };
  order.forEach((from, to) => {
    out.starts.set(r.starts.subarray(from * r.words, (from + 1) * r.words), to * r.words);
    out.ends.set(r.ends.subarray(from * r.words, (from + 1) * r.words), to * r.words);
    out.asns[to] = r.asns[from] ?? 0;
    out.names[to] = r.names[from] ?? 0;
  });
  return out;
}

/** The range holding the key, or -1. */
function find(r: Ranges, key: Uint32Array): number {
  let lo = 0;
  let hi = r.count - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (compareAt(r.starts, mid * r.words, key, 0, r.words) <= 0) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = last; i >= 0 && i > last - LOOK_BACK; i--) {
    if (compareAt(r.ends, i * r.words, key, 0, r.words) >= 0) return i;
  }
  return -1;
}

function ipv4Words(ip: string): Uint32Array {
  const [a = 0, b = 0, c = 0, d = 0] = ip.split(".").map(Number);
  return Uint32Array.of(((a << 24) >>> 0) + (b << 16) + (c << 8) + d);
}

/** An IPv6 address (any valid spelling, an embedded IPv4 tail too) as four 32-bit words. */
export function ipv6Words(ip: string): Uint32Array {
  let text = ip.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1]) {
    const n = ipv4Words(v4[1])[0] ?? 0;
    text = `${text.slice(0, -v4[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right].map((g) =>
    parseInt(g, 16),
  );
  const out = new Uint32Array(4);
  for (let w = 0; w < 4; w++) out[w] = (((groups[w * 2] ?? 0) << 16) >>> 0) + (groups[w * 2 + 1] ?? 0);
  return out;
}
