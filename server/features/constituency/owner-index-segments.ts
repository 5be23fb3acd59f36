import type { IndexNetwork, IndexOrganisation, OwnerIndexData } from "./owner-index.js";

// The owner index's networks (owner-index.ts): each family's address space cut at every range's first
// address and one past its last; each piece ("segment") lists the networks holding all of it. A lookup
// is one binary search over the segments' starts: IPv4 as plain numbers in a Float64Array, IPv6 as
// four 32-bit words per start.

export interface Segments {
  /** IPv4: starts as numbers; IPv6: 4 words per start. */
  starts: Float64Array | Uint32Array;
  offsets: Int32Array;
  pool: Int32Array;
  count: number;
}

export const EMPTY_SEGMENTS: Segments = {
  starts: new Float64Array(0),
  offsets: new Int32Array(1),
  pool: new Int32Array(0),
  count: 0,
};

/**
 * The segments of one family, built in steps: the generator yields every so often so that a build of a
 * large registry (off the hot path, owner-index-state.ts) lets the event loop answer matches meanwhile.
 * Within a segment, networks are smallest first, ties by organisation id then first address, so an index
 * and the same networks split over two indexes (base and overlay) rank alike.
 */
function* buildSegments(
  networks: readonly IndexNetwork[],
  orgs: readonly IndexOrganisation[],
  ids: number[],
  family: 4 | 6,
): Generator<void, Segments> {
  if (ids.length === 0) return EMPTY_SEGMENTS;
  const max = family === 4 ? (1n << 32n) - 1n : (1n << 128n) - 1n;
  const byFirst = sortedBy(networks, ids, family, "first");
  yield;
  const byEnd = sortedBy(networks, ids, family, "last");
  yield;
  const rank = (a: number, b: number) => rankNetworks(networks, orgs, a, b);
  const starts: bigint[] = [];
  const lists: number[][] = [];
  const active = new Set<number>();
  let f = 0;
  let e = 0;
  let steps = 0;
  // Sweep the boundaries in order: at each, networks ending just before leave, networks starting join.
  while (f < byFirst.length || e < byEnd.length) {
    if (++steps % 20_000 === 0) yield;
    const nextStart = f < byFirst.length ? net(networks, byFirst[f] ?? 0).first : null;
    const nextEndRaw = e < byEnd.length ? net(networks, byEnd[e] ?? 0).last : null;
    // A range ending at the family's last address never leaves.
    const nextEnd = nextEndRaw !== null && nextEndRaw < max ? nextEndRaw + 1n : null;
    if (nextEndRaw !== null && nextEnd === null) {
      e++;
      continue;
    }
    const point =
      nextStart === null ? nextEnd : nextEnd === null ? nextStart : nextStart < nextEnd ? nextStart : nextEnd;
    if (point === null) break;
    while (e < byEnd.length && net(networks, byEnd[e] ?? 0).last + 1n === point) active.delete(byEnd[e++] ?? 0);
    while (f < byFirst.length && net(networks, byFirst[f] ?? 0).first === point) active.add(byFirst[f++] ?? 0);
    const list = active.size < 2 ? [...active] : [...active].sort(rank);
    if (starts.length > 0 && starts[starts.length - 1] === point) lists[lists.length - 1] = list;
    else {
      starts.push(point);
      lists.push(list);
    }
  }
  yield;
  const count = starts.length;
  const offsets = new Int32Array(count + 1);
  let total = 0;
  lists.forEach((l, i) => {
    offsets[i] = total;
    total += l.length;
  });
  offsets[count] = total;
  const pool = new Int32Array(total);
  let at = 0;
  for (const l of lists) for (const n of l) pool[at++] = n;
  let startArray: Float64Array | Uint32Array;
  if (family === 4) startArray = Float64Array.from(starts, Number);
  else {
    startArray = new Uint32Array(count * 4);
    starts.forEach((s, i) => writeWords(s, startArray as Uint32Array, i * 4));
  }
  return { starts: startArray, offsets, pool, count };
}

/**
 * `ids` ordered by their networks' first (or last) address. IPv4 keys packed with the id into one
 * double each (address × 2^21 + id, exact below 2^53) sort natively, several times faster than a
 * comparator over bigints — the longest slice of a build that cannot yield.
 */
function sortedBy(networks: readonly IndexNetwork[], ids: number[], family: 4 | 6, end: "first" | "last"): number[] {
  if (family === 4 && networks.length < 2 ** 21) {
    const keys = new Float64Array(ids.length);
    for (let k = 0; k < ids.length; k++) {
      const i = ids[k] ?? 0;
      keys[k] = Number(net(networks, i)[end]) * 2 ** 21 + i;
    }
    keys.sort();
    const out = new Array<number>(ids.length);
    for (let k = 0; k < keys.length; k++) out[k] = (keys[k] ?? 0) % 2 ** 21;
    return out;
  }
  return [...ids].sort((a, b) => cmp(net(networks, a)[end], net(networks, b)[end]));
}

/** Smallest range first; ties by organisation id, then first address, then network id. */
function rankNetworks(networks: readonly IndexNetwork[], orgs: readonly IndexOrganisation[], a: number, b: number) {
  const x = net(networks, a);
  const y = net(networks, b);
  return (
    cmp(x.last - x.first, y.last - y.first) ||
    cmpText(orgs[x.org]?.id ?? "", orgs[y.org]?.id ?? "") ||
    cmp(x.first, y.first) ||
    cmpText(x.id, y.id)
  );
}

const net = (networks: readonly IndexNetwork[], i: number): IndexNetwork => networks[i] as IndexNetwork;
const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);
export const cmpText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function writeWords(value: bigint, into: Uint32Array, at: number): void {
  into[at] = Number((value >> 96n) & 0xffffffffn);
  into[at + 1] = Number((value >> 64n) & 0xffffffffn);
  into[at + 2] = Number((value >> 32n) & 0xffffffffn);
  into[at + 3] = Number(value & 0xffffffffn);
}

/** The last segment starting at or before `ip` (-1: before the first). */
export function segmentOf4(seg: Segments, ip: number): number {
  const starts = seg.starts as Float64Array;
  let lo = 0;
  let hi = seg.count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((starts[mid] ?? 0) <= ip) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

const scratch = new Uint32Array(4);

export function segmentOf6(seg: Segments, ip: bigint): number {
  writeWords(ip, scratch, 0);
  const starts = seg.starts as Uint32Array;
  let lo = 0;
  let hi = seg.count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    let c = 0;
    for (let w = 0; w < 4 && c === 0; w++) c = (starts[mid * 4 + w] ?? 0) - (scratch[w] ?? 0);
    if (c <= 0) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Both families' segments, in steps (see buildSegments). */
export function* segmentsOf(data: OwnerIndexData): Generator<void, { v4: Segments; v6: Segments }> {
  const v4: number[] = [];
  const v6: number[] = [];
  data.networks.forEach((n, i) => (n.family === 4 ? v4 : v6).push(i));
  return {
    v4: yield* buildSegments(data.networks, data.organisations, v4, 4),
    v6: yield* buildSegments(data.networks, data.organisations, v6, 6),
  };
}

export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
