import { useQuery } from "@tanstack/react-query";
import type {
  CaseKind,
  CaseObservableList,
  RelatedList,
  TypedValue,
  WarningList,
} from "../../../../contract/observables.js";
import { api, query } from "../../../lib/api/client.js";

/** A report or an incident, as the observable screens address it. */
export interface CaseRef {
  kind: CaseKind;
  reference: string;
}

/** The API path of a case (relative to /api/v1). */
export const casePath = (c: CaseRef) =>
  `/${c.kind === "incident" ? "incidents" : "reports"}/${encodeURIComponent(c.reference)}`;

/** The console page of a case. */
export const caseHref = (c: CaseRef) => `/console${casePath(c)}`;

/** The console page of one value. */
export const observableHref = (v: TypedValue) => `/console/observables${query({ value: v.value, type: v.type })}`;

/** Query keys of the observable screens; everything under "observables" is refreshed after a change. */
export const observableKeys = {
  all: ["observables"] as const,
  related: (c: CaseRef, cidr: boolean) => ["observables", "related", c.kind, c.reference, cidr] as const,
  ofCase: (c: CaseRef) => ["observables", "case", c.kind, c.reference] as const,
  detail: (value: string, type: string) => ["observables", "detail", value, type] as const,
  index: (href: string) => ["observables", "index", href] as const,
  warningLists: ["warning-lists"] as const,
};

/** The other cases sharing values with this one (with address ranges when `cidr`). */
export function useRelated(c: CaseRef, cidr: boolean) {
  return useQuery({
    queryKey: observableKeys.related(c, cidr),
    queryFn: () => api<RelatedList>("GET", `${casePath(c)}/related${query({ cidr: String(cidr) })}`),
  });
}

/** The values seen in this case. */
export function useCaseObservables(c: CaseRef) {
  return useQuery({
    queryKey: observableKeys.ofCase(c),
    queryFn: () => api<CaseObservableList>("GET", `${casePath(c)}/observables`),
  });
}

/** Every warning list (readers use them to name the lists a value is on in their language). */
export function useWarningLists() {
  return useQuery({
    queryKey: observableKeys.warningLists,
    queryFn: () => api<{ items: WarningList[] }>("GET", "/warning-lists"),
    staleTime: 60_000,
  });
}
