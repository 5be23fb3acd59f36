import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { IncidentDetail, IncidentPatch } from "../../../../contract/incidents.js";
import { ApiError, api } from "../../../lib/api/client.js";

/** The API path of one incident (relative to /api/v1). */
export const incidentPath = (reference: string) => `/incidents/${encodeURIComponent(reference)}`;

/** Query keys of the incident screens, so every section refreshes the same caches. */
export const incidentKeys = {
  all: ["incidents"] as const,
  list: ["incidents", "list"] as const,
  detail: (reference: string) => ["incident", reference] as const,
  part: (reference: string, part: string) => ["incident", reference, part] as const,
};

/** One incident's detail (the header, facts, linked reports and members). */
export function useIncident(reference: string) {
  return useQuery({
    queryKey: incidentKeys.detail(reference),
    queryFn: () => api<IncidentDetail>("GET", incidentPath(reference)),
  });
}

/** True when the server refused a change because someone else changed the incident first. */
export function isVersionConflict(err: unknown): boolean {
  return err instanceof ApiError && err.code === "version_conflict";
}

type Change = Omit<IncidentPatch, "version">;

/**
 * Patches the incident with the version this screen read (optimistic concurrency). On a 409
 * version_conflict it calls `onConflict` and reloads, so nobody's edit is silently overwritten.
 */
export function useIncidentPatch(incident: IncidentDetail, onConflict: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: Change) =>
      api<IncidentDetail>("PATCH", incidentPath(incident.reference), { ...change, version: incident.version }),
    onSuccess: (detail) => {
      client.setQueryData(incidentKeys.detail(incident.reference), detail);
      void client.invalidateQueries({ queryKey: incidentKeys.part(incident.reference, "timeline") });
      void client.invalidateQueries({ queryKey: incidentKeys.all });
    },
    onError: (err) => {
      if (!isVersionConflict(err)) return;
      onConflict();
      void client.invalidateQueries({ queryKey: incidentKeys.detail(incident.reference) });
    },
  });
}

/** After a write that is not a PATCH (link, note, task, message): refresh the incident and its timeline. */
export function useRefreshIncident(reference: string): () => void {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: incidentKeys.detail(reference) });
    void client.invalidateQueries({ queryKey: incidentKeys.part(reference, "timeline") });
    void client.invalidateQueries({ queryKey: incidentKeys.all });
  };
}
