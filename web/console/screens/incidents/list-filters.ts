import { IncidentView, IncidentsQuery } from "../../../../contract/incident-list.js";
import { IncidentStatus, Severity } from "../../../../contract/incidents.js";
import { TlpLabel } from "../../../../contract/intake.js";

// The list's state lives in the address (?view=mine&severity=high…), so a view can be bookmarked,
// shared with a colleague, and Back returns to it.

export const VIEWS = IncidentView.options;
export const SORTS = IncidentsQuery.shape.sort.unwrap().options;
export type Sort = (typeof SORTS)[number];

export interface ListFilters {
  view: IncidentView;
  status: IncidentStatus | "";
  severity: Severity | "";
  tlp: TlpLabel | "";
  class: string;
  /** "me" or a user id; "" for anyone. */
  assignee: string;
  q: string;
  sort: Sort;
}

export const DEFAULT_FILTERS: ListFilters = {
  view: "open",
  status: "",
  severity: "",
  tlp: "",
  class: "",
  assignee: "",
  q: "",
  sort: "created",
};

function pick<T extends string>(options: readonly T[], value: string | null, fallback: T | ""): T | "" {
  return options.find((o) => o === value) ?? fallback;
}

/** Reads the filters from a query string; unknown values fall back to the defaults. */
export function filtersFromSearch(params: URLSearchParams): ListFilters {
  return {
    view: pick(VIEWS, params.get("view"), DEFAULT_FILTERS.view) || DEFAULT_FILTERS.view,
    status: pick(IncidentStatus.options, params.get("status"), ""),
    severity: pick(Severity.options, params.get("severity"), ""),
    tlp: pick(TlpLabel.options, params.get("tlp"), ""),
    class: params.get("class") ?? "",
    assignee: params.get("assignee") ?? "",
    q: params.get("q") ?? "",
    sort: pick(SORTS, params.get("sort"), DEFAULT_FILTERS.sort) || DEFAULT_FILTERS.sort,
  };
}

/** The filters as a query string for the console's address (defaults left out). */
export function filtersToSearch(f: ListFilters): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) {
    if (v !== "" && v !== DEFAULT_FILTERS[k as keyof ListFilters]) q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** The filters as the API's query parameters. */
export function filtersToApi(f: ListFilters): Record<string, string> {
  const out: Record<string, string> = { view: f.view, sort: f.sort };
  if (f.status) out.status = f.status;
  if (f.severity) out.severity = f.severity;
  if (f.tlp) out.tlp = f.tlp;
  if (f.class) out.class = f.class;
  if (f.assignee) out.assignee = f.assignee;
  if (f.q.trim()) out.q = f.q.trim();
  return out;
}
