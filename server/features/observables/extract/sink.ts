import type { TypedValue } from "../../../../contract/observables.js";
import { detach } from "./detach.js";

/** Where the scanner puts what it finds; once `full`, scanning stops. */
export interface ValueSink {
  add(found: TypedValue): void;
  readonly full: boolean;
}

export interface Extraction {
  /** Distinct values (by type and value) in the order first seen. */
  values: TypedValue[];
  /** The text held more distinct values than the limit; the rest were not read. */
  truncated: boolean;
}

export const DEFAULT_MAX_VALUES = 10_000;

/** A sink that keeps the first `maxValues` distinct values and notes whether there were more. */
export function createCollector(maxValues = DEFAULT_MAX_VALUES): ValueSink & { result(): Extraction } {
  const limit = Math.max(0, Math.floor(maxValues));
  const seen = new Map<string, Set<string>>();
  const values: TypedValue[] = [];
  let truncated = false;
  return {
    add({ type, value }) {
      if (truncated) return;
      let ofType = seen.get(type);
      if (!ofType) seen.set(type, (ofType = new Set()));
      // Copied before the lookup: a string's hash is computed once and kept in it, so the copy's
      // lookup and insertion hash it once (looking up the slice and then keeping a copy hashed twice,
      // a fifth of the scan on text where every value is new).
      const kept = detach(value);
      if (ofType.has(kept)) return;
      if (values.length >= limit) {
        truncated = true;
        return;
      }
      ofType.add(kept);
      values.push({ type, value: kept });
    },
    get full() {
      return truncated;
    },
    result: () => ({ values, truncated }),
  };
}
