import { IndexView, type IndexView as View } from "../../../../contract/observable-index.js";
import { ObservableType } from "../../../../contract/observables.js";

// The observables index keeps its view and filters in the address (/console/observables?view=…&type=…
// &tag=…&from=…&to=…), so a list can be bookmarked, shared and revisited with the back button.

export const INDEX_VIEWS: readonly View[] = IndexView.options;

export interface IndexParams {
  view: View;
  /** An observable type, or "" for all. */
  type: string;
  tag: string;
  /** yyyy-mm-dd or "". */
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The index as the address states it; anything malformed is dropped, not guessed at. */
export function readIndexParams(search: URLSearchParams): IndexParams {
  const view = IndexView.safeParse(search.get("view"));
  const type = ObservableType.safeParse(search.get("type"));
  const day = (name: string) => {
    const v = search.get(name) ?? "";
    return DAY.test(v) ? v : "";
  };
  return {
    view: view.success ? view.data : "recent",
    type: type.success ? type.data : "",
    tag: (search.get("tag") ?? "").trim().slice(0, 128),
    from: day("from"),
    to: day("to"),
  };
}

/** The address of an index view, leaving out what is not set (the recent view is the default). */
export function indexHref(params: IndexParams): string {
  const q = new URLSearchParams();
  if (params.view !== "recent") q.set("view", params.view);
  if (params.type) q.set("type", params.type);
  if (params.tag.trim()) q.set("tag", params.tag.trim());
  if (params.from) q.set("from", params.from);
  if (params.to) q.set("to", params.to);
  const s = q.toString();
  return s ? `/console/observables?${s}` : "/console/observables";
}

/** The index of every value carrying `tag` (where a tag chip leads). */
export const tagHref = (tag: string) => indexHref({ view: "recent", type: "", tag, from: "", to: "" });
