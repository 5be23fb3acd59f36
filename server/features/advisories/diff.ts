import type { AdvisoryDiff } from "../../../contract/advisories.js";
import type { AdvisoryContent } from "./types.js";

// The difference between two versions of an advisory, field by field; text fields line by line (a
// longest-common-subsequence diff: advisories are short, and what a reviewer wants is which lines changed).

type Line = { op: "same" | "added" | "removed"; text: string };

/** Lines of `before` and `after` marked kept, removed or added, in reading order. */
export function diffLines(before: string, after: string): Line[] {
  const a = before.split("\n");
  const b = after.split("\n");
  // Bounded: beyond this many cells, show the whole text replaced rather than spend the memory.
  if (a.length * b.length > 4_000_000)
    return [
      ...a.map((text) => ({ op: "removed" as const, text })),
      ...b.map((text) => ({ op: "added" as const, text })),
    ];
  const w = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i * w + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * w + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * w + j] ?? 0, lcs[i * w + j + 1] ?? 0);
  const out: Line[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ op: "same", text: a[i] ?? "" });
      i++;
      j++;
    } else if ((lcs[(i + 1) * w + j] ?? 0) >= (lcs[i * w + j + 1] ?? 0))
      out.push({ op: "removed", text: a[i++] ?? "" });
    else out.push({ op: "added", text: b[j++] ?? "" });
  }
  while (i < a.length) out.push({ op: "removed", text: a[i++] ?? "" });
  while (j < b.length) out.push({ op: "added", text: b[j++] ?? "" });
  return out;
}

const SHARED = ["kind", "tlp", "cves", "products", "exploitation", "references"] as const;
const TEXT = ["title", "summary", "body", "measures"] as const;

/** What changed from one version to another. */
export function diffContent(from: number, to: number, a: AdvisoryContent, b: AdvisoryContent): AdvisoryDiff {
  const changes: AdvisoryDiff["changes"] = [];
  for (const field of SHARED) {
    if (JSON.stringify(a[field]) !== JSON.stringify(b[field]))
      changes.push({ field, before: a[field], after: b[field] });
  }
  for (const lang of ["sv", "en"] as const) {
    const ta = a[lang];
    const tb = b[lang];
    for (const field of TEXT) {
      const before = ta?.[field] ?? "";
      const after = tb?.[field] ?? "";
      if (before !== after) changes.push({ field: `${lang}.${field}`, before, after, lines: diffLines(before, after) });
    }
    if (JSON.stringify(ta?.items ?? []) !== JSON.stringify(tb?.items ?? []))
      changes.push({ field: `${lang}.items`, before: ta?.items ?? [], after: tb?.items ?? [] });
  }
  return { from, to, changes };
}
