import type { SearchHit, SearchKind } from "../../../../contract/search.js";
import { SearchKind as SearchKinds } from "../../../../contract/search.js";

// The search screen keeps its question in the address (?q=…&kinds=…&from=…&to=…) so a search can be
// bookmarked, shared with a colleague and revisited with the back button.

export const SEARCH_KINDS: readonly SearchKind[] = SearchKinds.options;

export interface SearchParams {
  q: string;
  /** Empty: every kind. */
  kinds: SearchKind[];
  /** yyyy-mm-dd or "". */
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The search as the address states it; anything malformed is dropped, not guessed at. */
export function readSearchParams(search: URLSearchParams): SearchParams {
  const kinds = (search.get("kinds") ?? "")
    .split(",")
    .filter((k): k is SearchKind => (SEARCH_KINDS as readonly string[]).includes(k));
  const day = (name: string) => {
    const v = search.get(name) ?? "";
    return DAY.test(v) ? v : "";
  };
  return {
    q: (search.get("q") ?? "").trim().slice(0, 200),
    kinds: [...new Set(kinds)],
    from: day("from"),
    to: day("to"),
  };
}

/** The address of a search ("/console/search?q=…"), leaving out what is not set. */
export function searchHref(params: SearchParams): string {
  const q = new URLSearchParams();
  if (params.q.trim()) q.set("q", params.q.trim());
  // Every kind ticked is the same as none: keep the address short.
  if (params.kinds.length > 0 && params.kinds.length < SEARCH_KINDS.length) q.set("kinds", params.kinds.join(","));
  if (params.from) q.set("from", params.from);
  if (params.to) q.set("to", params.to);
  const s = q.toString();
  return s ? `/console/search?${s}` : "/console/search";
}

/** Where a hit opens: a report on its page, everything on an incident on the incident's page. */
export function hitHref(hit: SearchHit): string {
  switch (hit.kind) {
    case "report":
      return `/console/reports/${encodeURIComponent(hit.reference)}`;
    case "incident":
      return `/console/incidents/${encodeURIComponent(hit.reference)}`;
    case "note":
    case "message":
      return hit.incidentReference
        ? `/console/incidents/${encodeURIComponent(hit.incidentReference)}`
        : `/console/reports/${encodeURIComponent(hit.reference)}`;
  }
}

/** True when the key press should move focus to the search box: "/" typed outside any text field. */
export function isSearchShortcut(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}): boolean {
  if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return false;
  const el = e.target;
  if (typeof HTMLElement === "undefined" || !(el instanceof HTMLElement)) return true;
  const tag = el.tagName;
  return !(el.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT");
}
