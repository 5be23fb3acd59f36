// A search hit's snippet arrives as segments (text, and whether it matched the query) so the console
// never has to trust server HTML: each matched run becomes a <mark>, everything else plain text.

import type { SnippetSegment } from "../../../../contract/search.js";

export type { SnippetSegment };

/** Joins neighbouring runs of the same kind and drops empty ones, so marks are whole words. */
export function snippetRuns(segments: readonly SnippetSegment[]): SnippetSegment[] {
  const runs: SnippetSegment[] = [];
  for (const segment of segments) {
    if (segment.text === "") continue;
    const last = runs.at(-1);
    if (last && last.match === segment.match) last.text += segment.text;
    else runs.push({ text: segment.text, match: segment.match });
  }
  return runs;
}
