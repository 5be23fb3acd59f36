// Small pieces every benchmark uses: a deterministic random source and percentiles.

/** A small deterministic generator (LCG), so every run asks the same questions. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The p-th percentile (0..1) of ascending `sorted`, to one decimal. */
export function percentile(sorted: number[], p: number): number {
  const value = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
  return Math.round(value * 10) / 10;
}
