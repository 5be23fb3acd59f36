import type { TypedValue } from "../../../../contract/observables.js";
import { scanText } from "./scan.js";
import { createCollector, type Extraction } from "./sink.js";

export interface ExtractOptions {
  /** Stop after this many distinct values (default 10,000). */
  maxValues?: number;
}

/** Every observable in the text with whether the limit cut the list short. */
export function scanObservables(text: string, opts: ExtractOptions = {}): Extraction {
  const collector = createCollector(opts.maxValues);
  scanText(text, collector);
  return collector.result();
}

/** Every observable in the text, deduplicated (by type+value), in first-seen order, at most opts.maxValues (default 10,000). */
export function extractObservables(text: string, opts: ExtractOptions = {}): TypedValue[] {
  return scanObservables(text, opts).values;
}
