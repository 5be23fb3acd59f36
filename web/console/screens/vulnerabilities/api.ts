import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  OsintItem,
  OsintItemPage,
  OsintItemUsed,
  OsintSourceCreate,
  OsintSourceList,
  OsintUse,
} from "../../../../contract/osint.js";
import { CASE_WORKER_ROLES, holdsRole } from "../../../../contract/roles.js";
import type {
  DailyDiff,
  KnownProductList,
  OrganisationProductCreate,
  OrganisationProducts,
  PullStatus,
  Vulnerability,
  VulnerabilityList,
} from "../../../../contract/vulnerabilities.js";
import { api, query } from "../../../lib/api/client.js";
import type { Me } from "../../../lib/api/types.js";
import { navigate } from "../../../lib/router.js";
import { advisoryHref } from "../advisories/api.js";

// The vulnerability screens' reads and writes (/api/v1/vulnerabilities…, /api/v1/osint/…, and
// /api/v1/organisations/{id}/products for the organisation page's section).

export const vulnKeys = {
  all: ["vulnerabilities"] as const,
  list: (f: ListFilter) => ["vulnerabilities", "list", f] as const,
  one: (cve: string) => ["vulnerabilities", "one", cve] as const,
  daily: (day: string, threshold: string) => ["vulnerabilities", "daily", day, threshold] as const,
  pulls: ["vulnerabilities", "pulls"] as const,
  products: (q: string) => ["vulnerabilities", "products", q] as const,
  organisation: (id: string) => ["vulnerabilities", "organisation", id] as const,
  osint: ["osint"] as const,
  osintItems: (status: string) => ["osint", "items", status] as const,
  osintSources: ["osint", "sources"] as const,
};

export const VULNERABILITIES_PATH = "/console/vulnerabilities";
export const vulnerabilityHref = (cve: string) => `${VULNERABILITIES_PATH}/${encodeURIComponent(cve)}`;

/** Duty and analysts act (declare products, work the inbox); observers read. */
export const mayWorkVulnerabilities = (me: Me) => holdsRole(me.roles, CASE_WORKER_ROLES);

export interface ListFilter {
  q: string;
  kev: boolean;
  ransomware: boolean;
  epssMin: string;
  sort: "cve" | "kevAdded" | "epss" | "cvss";
}

export function useVulnerabilityList(f: ListFilter) {
  return useInfiniteQuery({
    queryKey: vulnKeys.list(f),
    queryFn: ({ pageParam }) =>
      api<VulnerabilityList>(
        "GET",
        `/vulnerabilities${query({
          q: f.q || undefined,
          kev: f.kev ? "true" : undefined,
          ransomware: f.ransomware ? "true" : undefined,
          epssMin: f.epssMin || undefined,
          sort: f.sort,
          limit: 50,
          cursor: pageParam || undefined,
        })}`,
      ),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const useVulnerability = (cve: string) =>
  useQuery({
    queryKey: vulnKeys.one(cve),
    queryFn: () => api<Vulnerability>("GET", `/vulnerabilities/${encodeURIComponent(cve)}`),
  });

export const useDailyDiff = (day: string, threshold: string) =>
  useQuery({
    queryKey: vulnKeys.daily(day, threshold),
    queryFn: () =>
      api<DailyDiff>(
        "GET",
        `/vulnerabilities/daily${query({ day: day || undefined, threshold: threshold || undefined })}`,
      ),
  });

export const usePulls = () =>
  useQuery({ queryKey: vulnKeys.pulls, queryFn: () => api<PullStatus>("GET", "/vulnerabilities/pulls") });

/** The product picker's suggestions for what is typed (two characters or more). */
export const useProductSuggestions = (q: string) =>
  useQuery({
    queryKey: vulnKeys.products(q),
    queryFn: () => api<KnownProductList>("GET", `/vulnerabilities/products${query({ q })}`),
    enabled: q.trim().length >= 2,
  });

export const useOrganisationProducts = (id: string) =>
  useQuery({
    queryKey: vulnKeys.organisation(id),
    queryFn: () => api<OrganisationProducts>("GET", `/organisations/${encodeURIComponent(id)}/products`),
  });

export function useProductChange(organisationId: string) {
  const client = useQueryClient();
  const done = () => client.invalidateQueries({ queryKey: vulnKeys.organisation(organisationId) });
  return {
    add: useMutation({
      mutationFn: (p: OrganisationProductCreate) =>
        api("POST", `/organisations/${encodeURIComponent(organisationId)}/products`, p),
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: (productId: string) =>
        api("DELETE", `/organisations/${encodeURIComponent(organisationId)}/products/${productId}`),
      onSuccess: done,
    }),
  };
}

export function useOsintItems(status: string) {
  return useInfiniteQuery({
    queryKey: vulnKeys.osintItems(status),
    queryFn: ({ pageParam }) =>
      api<OsintItemPage>("GET", `/osint/items${query({ status, limit: 50, cursor: pageParam || undefined })}`),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const useOsintSources = () =>
  useQuery({ queryKey: vulnKeys.osintSources, queryFn: () => api<OsintSourceList>("GET", "/osint/sources") });

export function useOsintChange() {
  const client = useQueryClient();
  const done = () => client.invalidateQueries({ queryKey: vulnKeys.osint });
  return {
    mark: useMutation({
      mutationFn: (v: { id: string; status: OsintItem["status"] }) =>
        api("POST", `/osint/items/${v.id}/status`, { status: v.status }),
      onSuccess: done,
    }),
    use: useMutation({
      mutationFn: (v: { id: string; for: OsintUse }) =>
        api<OsintItemUsed>("POST", `/osint/items/${v.id}/use`, { for: v.for }),
      onSuccess: (used) => {
        void done();
        // A new advisory draft opens at once; the weekly letter stays where it is (the inbox says where).
        if (used.usedFor === "advisory-draft") navigate(advisoryHref(used.advisory.id));
      },
    }),
    addSource: useMutation({
      mutationFn: (s: OsintSourceCreate) => api("POST", "/osint/sources", s),
      onSuccess: done,
    }),
    toggleSource: useMutation({
      mutationFn: (v: { id: string; enabled: boolean }) =>
        api("PATCH", `/osint/sources/${v.id}`, { enabled: v.enabled }),
      onSuccess: done,
    }),
  };
}
