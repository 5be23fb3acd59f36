import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  DoubleClaimList,
  Organisation,
  OrganisationList,
  UnverifiedContactList,
} from "../../../../contract/constituency.js";
import { CONSTITUENCY_EDITOR_ROLES, holdsRole } from "../../../../contract/roles.js";
import { api, query } from "../../../lib/api/client.js";
import type { Me } from "../../../lib/api/types.js";

// The constituency screens' reads and writes (/api/v1/organisations…, /api/v1/constituency/…).

/** Query keys; everything under "constituency" is refreshed after a registry change. */
export const constituencyKeys = {
  all: ["constituency"] as const,
  directory: (q: string) => ["constituency", "directory", q] as const,
  organisation: (id: string) => ["constituency", "organisation", id] as const,
  doubleClaims: ["constituency", "double-claims"] as const,
  unverified: ["constituency", "unverified"] as const,
};

export const DIRECTORY_PATH = "/console/organisations";
export const organisationHref = (id: string) => `${DIRECTORY_PATH}/${encodeURIComponent(id)}`;
export const directoryHref = (q: string) => (q ? `${DIRECTORY_PATH}?q=${encodeURIComponent(q)}` : DIRECTORY_PATH);
/** The directory as a file (the browser downloads it with the session cookie). */
export const exportHref = (format: "csv" | "vcard") => `/api/v1/organisations/export?format=${format}`;

/** Duty officers and admins edit the registry; other readers (analysts, observers) read it. */
export function mayEditRegistry(me: Me): boolean {
  return holdsRole(me.roles, CONSTITUENCY_EDITOR_ROLES);
}

const PAGE = 50;

/** The directory: organisations matching `q` (name, number, address, domain, AS number, contact), paged. */
export function useDirectory(q: string) {
  return useInfiniteQuery({
    queryKey: constituencyKeys.directory(q),
    queryFn: ({ pageParam }) =>
      api<OrganisationList>("GET", `/organisations${query({ q, limit: PAGE, cursor: pageParam })}`),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useOrganisation(id: string) {
  return useQuery({
    queryKey: constituencyKeys.organisation(id),
    queryFn: () => api<Organisation>("GET", `/organisations/${encodeURIComponent(id)}`),
  });
}

export function useDoubleClaims() {
  return useInfiniteQuery({
    queryKey: constituencyKeys.doubleClaims,
    queryFn: ({ pageParam }) =>
      api<DoubleClaimList>("GET", `/constituency/double-claims${query({ limit: PAGE, cursor: pageParam })}`),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useUnverifiedContacts() {
  return useInfiniteQuery({
    queryKey: constituencyKeys.unverified,
    queryFn: ({ pageParam }) =>
      api<UnverifiedContactList>(
        "GET",
        `/constituency/unverified-contacts${query({ limit: PAGE, cursor: pageParam })}`,
      ),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/**
 * A change to one organisation (its profile, a holding, a contact, an inhibition): on success the whole
 * registry's queries are refreshed, since a change shows in the directory and the lists too.
 */
export function useRegistryChange<V, R = unknown>(send: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => client.invalidateQueries({ queryKey: constituencyKeys.all }),
  });
}

/** The path of an organisation's sub-collection (networks, asns, domains, url-prefixes, contacts, inhibitions). */
export const itemsPath = (id: string, kind: string) => `/organisations/${encodeURIComponent(id)}/${kind}`;
