import { useQuery } from "@tanstack/react-query";
import type { IncidentLegalHold, LegalHolds, RetentionReport } from "../../../../contract/retention.js";
import { api, query } from "../../../lib/api/client.js";

// Retention in the console: an incident's legal hold, the holds and the yearly report (admins).

export const retentionKeys = {
  all: ["retention"] as const,
  hold: (reference: string) => ["retention", "hold", reference] as const,
  holds: ["retention", "holds"] as const,
  report: (year: number) => ["retention", "report", year] as const,
};

export const useLegalHold = (reference: string) =>
  useQuery({
    queryKey: retentionKeys.hold(reference),
    queryFn: () => api<IncidentLegalHold>("GET", `/incidents/${encodeURIComponent(reference)}/legal-hold`),
  });
export const useLegalHolds = () =>
  useQuery({ queryKey: retentionKeys.holds, queryFn: () => api<LegalHolds>("GET", "/retention/holds") });
export const useRetentionReport = (year: number) =>
  useQuery({
    queryKey: retentionKeys.report(year),
    queryFn: () => api<RetentionReport>("GET", `/retention/report${query({ year: String(year) })}`),
  });
