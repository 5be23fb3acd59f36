import { useQuery } from "@tanstack/react-query";
import type { PlaybooksList } from "../../../../contract/playbooks.js";
import { api, query } from "../../../lib/api/client.js";

/** A text kept in both working languages, in the reader's. */
export function inLanguage(text: { sv: string; en: string }, language: string): string {
  return language === "en" ? text.en || text.sv : text.sv || text.en;
}

/** The playbooks offered for an RSIT class (those for every class too); all of them without one. */
export function usePlaybooks(rsitClass: string | null) {
  return useQuery({
    queryKey: ["playbooks", "offered", rsitClass ?? ""],
    queryFn: () => api<PlaybooksList>("GET", `/playbooks${query({ class: rsitClass })}`),
    staleTime: 60_000,
  });
}
