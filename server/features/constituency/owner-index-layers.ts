import type { OwnerMatch } from "../../../contract/constituency.js";
import type { MatchRanks, OwnerIndex, OwnerQuery } from "./owner-index.js";

// An owner index in two layers: a base built from the whole registry at some version, and an overlay
// built from the current holdings of the organisations changed since (owner-index-state.ts). The base
// skips the changed organisations, the overlay answers for them, and the two answer lists are merged by
// the rank each index gives its answers (step of the match, specificity, organisation id), which is the
// order one index built from the whole registry now would give: the property test holds it to that.

/** What the owner match asks: a base, and maybe an overlay of changed organisations. */
export class LayeredOwnerIndex {
  readonly #base: OwnerIndex;
  readonly #overlay: OwnerIndex | null;
  readonly #skip: Uint8Array | null;

  constructor(base: OwnerIndex, overlay: OwnerIndex | null = null, changed: Iterable<string> = []) {
    this.#base = base;
    this.#overlay = overlay;
    let skip: Uint8Array | null = null;
    for (const id of changed) {
      const n = base.orgNumber(id);
      if (n < 0) continue;
      skip ??= new Uint8Array(base.organisationCount);
      skip[n] = 1;
    }
    this.#skip = skip;
  }

  get size(): OwnerIndex["size"] {
    return this.#base.size;
  }

  /** OwnerIndex.match over both layers. */
  match(query: OwnerQuery, now: number, type?: string): OwnerMatch[] {
    if (this.#overlay === null) return this.#base.match(query, now, type, this.#skip);
    // The overlay holds a few organisations: most values it owns none of, and then no ranks are needed.
    if (this.#overlay.match(query, now, type).length === 0) return this.#base.match(query, now, type, this.#skip);
    const baseRanks: MatchRanks = { steps: [], specs: [], orgIds: [] };
    const overRanks: MatchRanks = { steps: [], specs: [], orgIds: [] };
    const a = this.#base.match(query, now, type, this.#skip, baseRanks);
    const b = this.#overlay.match(query, now, type, null, overRanks);
    if (a.length === 0) return b;
    const out: OwnerMatch[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      if (before(baseRanks, i, overRanks, j)) out.push(a[i++] as OwnerMatch);
      else out.push(b[j++] as OwnerMatch);
    }
    while (i < a.length) out.push(a[i++] as OwnerMatch);
    while (j < b.length) out.push(b[j++] as OwnerMatch);
    return out;
  }
}

/** Whether answer `i` of one index ranks before answer `j` of the other. */
function before(x: MatchRanks, i: number, y: MatchRanks, j: number): boolean {
  const sx = x.steps[i] ?? 0;
  const sy = y.steps[j] ?? 0;
  if (sx !== sy) return sx < sy;
  const px = x.specs[i] ?? 0n;
  const py = y.specs[j] ?? 0n;
  if (px !== py) return px < py;
  return (x.orgIds[i] ?? "") < (y.orgIds[j] ?? "");
}
