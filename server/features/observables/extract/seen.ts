// The tokens one scan has already read, remembered by where they stand in its text: an open-addressing
// table of (hash, start, length) whose keys are the text's own characters. A repeated token costs a
// hash over its characters and one comparison; no slice of the text is made, hashed or kept (a Set of
// slices spent a sixth of the scan on them). The table lives as long as the scan, so it pins nothing.

const FIRST_CAPACITY = 1024;

export class SeenTokens {
  private starts = new Int32Array(FIRST_CAPACITY);
  private lengths = new Int32Array(FIRST_CAPACITY);
  private hashes = new Int32Array(FIRST_CAPACITY);
  private mask = FIRST_CAPACITY - 1;
  private size = 0;

  /** `limit`: at most this many tokens are remembered; later ones are read every time. */
  constructor(
    private readonly text: string,
    private readonly limit: number,
  ) {}

  /**
   * True when text[start, end) was remembered before; otherwise remembers it (while below the limit)
   * and returns false. `units` holds text[base, base + units.length) when the token lies in it (it
   * is read from there: the same characters, faster to reach than through the string).
   */
  seenOrAdd(start: number, end: number, units: Uint16Array, base: number, windowEnd: number): boolean {
    const n = end - start;
    let h = 0x811c9dc5 ^ n;
    const inWindow = start >= base && end <= windowEnd;
    if (inWindow) {
      for (let k = start - base, stop = end - base; k < stop; k++) h = Math.imul(h ^ (units[k] as number), 0x01000193);
    } else {
      for (let k = start; k < end; k++) h = Math.imul(h ^ this.text.charCodeAt(k), 0x01000193);
    }
    const mask = this.mask;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = this.starts[slot] as number;
      if (at === 0) break;
      if (this.hashes[slot] === h && this.lengths[slot] === n) {
        if (inWindow ? this.equalUnits(at - 1, units, start - base, n) : this.equal(at - 1, start, n)) return true;
      }
    }
    if (this.size >= this.limit) return false;
    if (2 * (this.size + 1) > this.mask + 1) this.grow();
    this.put(h, start, n);
    this.size++;
    return false;
  }

  private equal(a: number, b: number, n: number): boolean {
    const text = this.text;
    for (let k = 0; k < n; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
    return true;
  }

  private equalUnits(a: number, units: Uint16Array, b: number, n: number): boolean {
    const text = this.text;
    for (let k = 0; k < n; k++) if (text.charCodeAt(a + k) !== units[b + k]) return false;
    return true;
  }

  private put(h: number, start: number, n: number): void {
    let slot = h & this.mask;
    while (this.starts[slot] !== 0) slot = (slot + 1) & this.mask;
    this.starts[slot] = start + 1;
    this.lengths[slot] = n;
    this.hashes[slot] = h;
  }

  private grow(): void {
    const { starts, lengths, hashes } = this;
    const capacity = 2 * starts.length;
    this.starts = new Int32Array(capacity);
    this.lengths = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let slot = 0; slot < starts.length; slot++) {
      const at = starts[slot] as number;
      if (at !== 0) this.put(hashes[slot] as number, at - 1, lengths[slot] as number);
    }
  }
}
